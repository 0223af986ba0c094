import { randomUUID } from 'node:crypto';
import { EntityName, EntityRecordOf } from '@housef3/package-format';
import {
  BUILDER_EPOCH_MS, buildAccount, buildAnalytics, buildCategory, buildFileMap, buildRecurringChargePattern, buildTransaction, buildTransactionFile, buildUserPreferences,
} from '@housef3/package-format/testing';
import { ENTITY_TABLE, tableNames, toItem } from '@housef3/data-model';
import { batchWriteAll } from '@housef3/platform';
import { stackEnv, testDynamo } from '@housef3/testing';
import { UserDataCounter } from '../src/export/user-data-counter';

const DAY = 86_400_000;

/**
 * The estimate's counts against DynamoDB Local: exact for every kind of export, only the user's
 * items (another user's item in the same account partition is not counted), another user's
 * account refused, and a count stopped by the page budget extrapolated close to the truth.
 */
describe('UserDataCounter (DynamoDB Local)', () => {
  const client = testDynamo();
  const tables = tableNames(stackEnv().TABLE_PREFIX);
  const user = `counter-${randomUUID().slice(0, 8)}`;
  const other = `counter-other-${randomUUID().slice(0, 8)}`;
  const map = buildFileMap();
  const a = buildAccount({ defaultFileMapId: map.fileMapId });
  const b = buildAccount();
  const foreign = buildAccount();
  const fileA = buildTransactionFile({ accountId: a.accountId, fileMapId: map.fileMapId, fileSize: 4000, fileFormat: 'csv', dateRange: { startDate: BUILDER_EPOCH_MS, endDate: BUILDER_EPOCH_MS + 200 * DAY } });
  const fileB = buildTransactionFile({ accountId: b.accountId, fileSize: 100_000, fileFormat: 'pdf', fileName: 'scan.pdf', dateRange: { startDate: BUILDER_EPOCH_MS, endDate: BUILDER_EPOCH_MS + 200 * DAY } });
  // 3 a day for 200 days: two on account A, one on B
  const txA = Array.from({ length: 400 }, (_, i) => buildTransaction({ accountId: a.accountId, fileId: fileA.fileId, date: BUILDER_EPOCH_MS + i * (DAY / 2) }));
  const txB = Array.from({ length: 200 }, (_, i) => buildTransaction({ accountId: b.accountId, fileId: fileB.fileId, date: BUILDER_EPOCH_MS + i * DAY + 1000 }));
  const from = BUILDER_EPOCH_MS + 50 * DAY;
  const to = BUILDER_EPOCH_MS + 80 * DAY - 1;
  const inRange = [...txA, ...txB].filter((t) => t.date >= from && t.date <= to).length;

  const write = <E extends EntityName>(entity: E, owner: string, records: EntityRecordOf<E>[]) =>
    batchWriteAll(client, tables[ENTITY_TABLE[entity]], records.map((r) => toItem(entity, r, owner)), { concurrency: 4 });

  beforeAll(async () => {
    await Promise.all([
      write('accounts', user, [a, b]), write('accounts', other, [foreign]),
      write('file_maps', user, [map]), write('transaction_files', user, [fileA, fileB]),
      write('categories', user, [buildCategory(), buildCategory(), buildCategory()]),
      write('transactions', user, [...txA, ...txB]),
      // another user's transactions, one of them in A's partition of AccountDateIndex
      write('transactions', other, [buildTransaction({ accountId: a.accountId, date: BUILDER_EPOCH_MS + DAY }), buildTransaction({ accountId: foreign.accountId })]),
      write('analytics', user, [
        ...['2024-01', '2024-02', '2024-03', '2024-04'].map((period) => buildAnalytics({ accountId: a.accountId, timePeriod: period })),
        ...['2024-01', '2024-02'].map((period) => buildAnalytics({ accountId: b.accountId, timePeriod: period })),
      ]),
      write('user_preferences', user, [buildUserPreferences()]),
      write('recurring_charge_patterns', user, [buildRecurringChargePattern(), buildRecurringChargePattern()]),
    ]);
  }, 120000);

  afterAll(() => client.destroy());

  it('counts a complete export exactly, with the statement files and their formats', async () => {
    const found = await new UserDataCounter(client, tables).count(user, { includeAnalytics: true, format: 'complete' });
    expect(found).toEqual({
      counts: {
        accounts: 2, file_maps: 1, transaction_files: 2, categories: 3, transactions: 600, analytics: 6,
        user_preferences: 1, recurring_charge_patterns: 2, recurring_charge_predictions: 0, pattern_feedback: 0,
      },
      files: expect.arrayContaining([{ fileId: fileA.fileId, size: 4000, format: 'csv' }, { fileId: fileB.fileId, size: 100_000, format: 'pdf' }]),
      unknownAccounts: [], exact: true,
    });
    // without analytics and the user's own state: those entities are left out, not zero
    const lean = await new UserDataCounter(client, tables).count(user, { includeAnalytics: false, format: 'complete', includeUserState: false });
    expect(Object.keys(lean.counts).sort()).toEqual(['accounts', 'categories', 'file_maps', 'transaction_files', 'transactions']);
  });

  it('counts one account: its transactions only (not another user\'s in the same partition), its files, maps and analytics', async () => {
    const found = await new UserDataCounter(client, tables).count(user, { includeAnalytics: true, format: 'selective', accountIds: [a.accountId] });
    expect(found.counts).toEqual({ accounts: 1, file_maps: 1, transaction_files: 1, categories: 3, transactions: 400, analytics: 4 });
    expect(found.files.map((f) => f.fileId)).toEqual([fileA.fileId]);
  });

  it('counts a date range on the index the export reads', async () => {
    const found = await new UserDataCounter(client, tables).count(user, { includeAnalytics: false, format: 'selective', dateRange: { from, to } });
    expect(found.counts.transactions).toBe(inRange);
    expect(found.counts.accounts).toBe(2);
    const both = await new UserDataCounter(client, tables).count(user, { includeAnalytics: false, format: 'selective', accountIds: [b.accountId], dateRange: { from, to } });
    expect(both.counts.transactions).toBe(txB.filter((t) => t.date >= from && t.date <= to).length);
  });

  it('refuses accounts that are not the user\'s and counts nothing then', async () => {
    const found = await new UserDataCounter(client, tables).count(user, { includeAnalytics: false, format: 'selective', accountIds: [a.accountId, foreign.accountId] });
    expect(found).toEqual({ counts: {}, files: [], unknownAccounts: [foreign.accountId], exact: true });
  });

  it('categories only: one count', async () => {
    expect(await new UserDataCounter(client, tables).count(user, { includeAnalytics: false, format: 'selective', categoriesOnly: true }))
      .toEqual({ counts: { categories: 3 }, files: [], unknownAccounts: [], exact: true });
  });

  it('stops at its page budget and extrapolates by date, close to the truth', async () => {
    const bounded = new UserDataCounter(client, tables, { maxPages: 1, pageSize: 50, concurrency: 1 });
    const all = await bounded.count(user, { includeAnalytics: false, format: 'complete' });
    expect(all.exact).toBe(false);
    expect(all.counts.transactions).toBeGreaterThan(600 * 0.85);
    expect(all.counts.transactions).toBeLessThan(600 * 1.15);
    const one = await new UserDataCounter(client, tables, { maxPages: 0, pageSize: 100, concurrency: 1 }).count(user, { includeAnalytics: false, format: 'selective', accountIds: [a.accountId] });
    expect(one.exact).toBe(false);
    expect(one.counts.transactions).toBeGreaterThan(400 * 0.85);
    expect(one.counts.transactions).toBeLessThan(400 * 1.15);
  });
});
