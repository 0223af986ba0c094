import { createHash } from 'node:crypto';
import {
  EntityName,
  JsonNumber,
  RULE_CONDITIONS,
  RULE_FIELDS_TO_MATCH,
  Transaction,
  computeTransactionHash,
  validateRecord,
} from '@housef3/package-format';
import { toPackageJson } from '@housef3/package-format/testing';
import { parseCsv, parseOfx } from '../test-support/statement-readers';
import {
  FilePlan,
  LARGE_FILE_BYTES,
  SPECIAL_LINES,
  SeedPlan,
  accountRecords,
  analyticsRecords,
  fileMapRecords,
  fileTransactions,
  negateDecimal,
  parseMinor,
  planSeed,
  statementChunks,
  transactionFileRecord,
} from './index';

const AWKWARD = { userId: 'user-a', transactions: 400, files: 5, awkward: true, seed: 's1' };
const plan = planSeed(AWKWARD);
const statements = plan.files.filter((file) => file.kind === 'statement');
const transactionsOf = (p: SeedPlan, file: FilePlan) => [...fileTransactions(p, file)];
const allTransactions = plan.files.flatMap((file) => transactionsOf(plan, file));
const bytesOf = (p: SeedPlan, file: FilePlan) => Buffer.concat([...statementChunks(p, file)]);

function everyRecord(p: SeedPlan): { entity: EntityName; record: unknown }[] {
  return [
    ...accountRecords(p).map((record) => ({ entity: 'accounts' as const, record })),
    ...p.categories.map((record) => ({ entity: 'categories' as const, record })),
    ...fileMapRecords(p).map((record) => ({ entity: 'file_maps' as const, record })),
    ...p.files.map((file) => ({ entity: 'transaction_files' as const, record: transactionFileRecord(p, file) })),
    ...p.files.flatMap((file) => transactionsOf(p, file).map((record) => ({ entity: 'transactions' as const, record }))),
    ...analyticsRecords(p).map((record) => ({ entity: 'analytics' as const, record })),
  ];
}

describe('seed generation (pure)', () => {
  it('generates records that validate without a single issue (hashes checked)', () => {
    for (const { entity, record } of everyRecord(plan)) {
      expect({ entity, issues: validateRecord(entity, toPackageJson(record)).issues }).toEqual({ entity, issues: [] });
    }
  });

  it('is deterministic for a user and seed; another user gets other IDs and the same content; another seed other content', () => {
    const digest = (p: SeedPlan) => createHash('sha256').update(JSON.stringify(everyRecord(p), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).digest('hex');
    expect(digest(planSeed(AWKWARD))).toBe(digest(plan));

    const other = planSeed({ ...AWKWARD, userId: 'user-b' });
    const otherTransactions = other.files.flatMap((file) => transactionsOf(other, file));
    const ids = new Set(allTransactions.map((t) => t.transactionId));
    expect(otherTransactions.filter((t) => ids.has(t.transactionId))).toEqual([]);
    const content = (t: Transaction) => `${t.date}|${t.amount}|${t.description.replace(/ #\d+$/, '')}`;
    expect(otherTransactions.map(content)).toEqual(allTransactions.map(content));

    const reseeded = planSeed({ ...AWKWARD, seed: 's2' });
    expect(transactionsOf(reseeded, reseeded.files[1]).map(content)).not.toEqual(transactionsOf(plan, plan.files[1]).map(content));
  });

  it('writes statements whose lines are exactly the file\'s transactions, and file records that describe them', () => {
    for (const file of statements) {
      const bytes = bytesOf(plan, file);
      const record = transactionFileRecord(plan, file);
      const transactions = transactionsOf(plan, file);
      expect(record.fileSize).toBe(bytes.length);
      expect([record.recordCount, record.transactionCount, record.duplicateCount]).toEqual([
        transactions.length, transactions.length, transactions.filter((t) => t.status === 'duplicate').length,
      ]);
      expect(record.dateRange).toEqual({ startDate: transactions[0].date, endDate: transactions.at(-1)?.date });
      const sum = transactions.reduce((total, t) => total + parseMinor(t.amount), 0n);
      expect(parseMinor(record.openingBalance as string) + sum).toBe(parseMinor(record.closingBalance as string));
      expect(transactions.map((t) => t.importOrder)).toEqual(transactions.map((_t, i) => i + 1));

      const text = bytes.toString('utf8');
      if (file.format === 'csv') {
        const [header, ...rows] = parseCsv(text);
        expect(header).toEqual(['Date', 'Description', 'Amount', 'Balance', 'Type', 'Memo', 'Check Number']);
        const shown = (t: Transaction) => (file.account.template.reverseAmounts ? negateDecimal(t.amount) : t.amount);
        expect(rows).toEqual(
          transactions.map((t) => [new Date(t.date).toISOString().slice(0, 10), t.description, shown(t), t.balance, t.transactionType, t.memo ?? '', t.checkNumber ?? '']),
        );
      } else {
        expect(parseOfx(text)).toEqual(
          transactions.map((t) => ({
            type: t.transactionType, posted: new Date(t.date).toISOString().slice(0, 10).replace(/-/g, ''), amount: t.amount, fitId: t.fitId, name: t.description,
            memo: t.memo, checkNumber: t.checkNumber,
          })),
        );
        expect(text).toContain(`<BALAMT>${record.closingBalance}</BALAMT>`);
      }
    }
  });

  it('marks a transaction duplicate exactly when an earlier one of its account has the same hash', () => {
    const seen = new Set<string>();
    for (const t of allTransactions) {
      const key = `${t.accountId}|${t.transactionHash}`;
      expect(t.status).toBe(seen.has(key) ? 'duplicate' : 'new');
      seen.add(key);
    }
    expect(allTransactions.some((t) => t.status === 'duplicate')).toBe(true);
  });

  it('assigns categories by rule (suggested or confirmed), by hand (isManual, confirmedAt), or not at all', () => {
    const categories = new Map(plan.categories.map((c) => [c.categoryId, c]));
    const kinds = new Set<string>();
    for (const t of allTransactions) {
      for (const a of t.categories) {
        const category = categories.get(a.categoryId);
        expect(category).toBeDefined();
        if (a.isManual) {
          expect([a.status, a.ruleId, a.confirmedAt !== undefined, a.confidence]).toEqual(['confirmed', undefined, true, 100]);
        } else {
          expect(category?.rules.map((rule) => rule.ruleId)).toContain(a.ruleId);
          expect(a.confirmedAt !== undefined).toBe(a.status === 'confirmed');
        }
        kinds.add(a.isManual ? 'manual' : a.status);
      }
      if (t.categories.length === 0) expect(t.primaryCategoryId).toBeUndefined();
      else expect(t.categories.map((a) => a.categoryId)).toContain(t.primaryCategoryId);
    }
    expect(kinds).toEqual(new Set(['suggested', 'confirmed', 'manual']));
    expect(allTransactions.some((t) => t.categories.length === 0)).toBe(true);
  });

  it('builds a three-level category tree of every type whose rules cover every condition and fieldToMatch', () => {
    const parent = new Map(plan.categories.map((c) => [c.categoryId, c.parentCategoryId]));
    const depth = (id: string | undefined): number => (id === undefined ? 0 : 1 + depth(parent.get(id)));
    for (const type of ['INCOME', 'EXPENSE', 'TRANSFER']) {
      expect(Math.max(...plan.categories.filter((c) => c.type === type).map((c) => depth(c.categoryId)))).toBe(3);
    }
    plan.categories.forEach((c, index) => c.parentCategoryId && expect(plan.categories.findIndex((p) => p.categoryId === c.parentCategoryId)).toBeLessThan(index));
    const rules = plan.categories.flatMap((c) => c.rules);
    expect(new Set(rules.map((r) => r.condition))).toEqual(new Set(RULE_CONDITIONS));
    expect(new Set(rules.map((r) => r.fieldToMatch))).toEqual(new Set(RULE_FIELDS_TO_MATCH));
    expect(new Set(rules.map((r) => r.ruleId)).size).toBe(rules.length);
  });

  it('gives accounts of several types their statements\' balances and a default file map of their own', () => {
    const accounts = accountRecords(plan);
    const maps = fileMapRecords(plan);
    expect(new Set(accounts.map((a) => a.accountType))).toEqual(new Set(['checking', 'savings', 'credit_card', 'investment', 'loan', 'other']));
    for (const account of accounts) {
      const files = statements.filter((f) => f.account.accountId === account.accountId);
      if (files.length > 0) expect(account.balance).toBe(transactionFileRecord(plan, files.at(-1) as FilePlan).closingBalance);
      if (account.defaultFileMapId) expect(maps.find((m) => m.fileMapId === account.defaultFileMapId)?.accountId).toBe(account.accountId);
    }
    expect(maps.some((m) => m.accountId === undefined)).toBe(true);
    expect(accounts.find((a) => a.accountType === 'loan')).toMatchObject({ balance: '-1250000', currency: 'JPY', isActive: false });
  });

  it('writes analytics of several types and periods with exact JsonNumbers', () => {
    const analytics = analyticsRecords(plan);
    expect(new Set(analytics.map((a) => a.analyticType)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(analytics.map((a) => a.timePeriod.replace(/\d/g, '9')))).toEqual(new Set(['overall', '9999-99', '9999-Q9', '9999']));
    expect(analytics.some((a) => a.accountId !== undefined) && analytics.some((a) => a.ttl !== undefined)).toBe(true);
    const overall = analytics.find((a) => a.analyticType === 'cash_flow' && a.timePeriod === 'overall');
    expect(overall?.data.transactionCount).toEqual(new JsonNumber(String(allTransactions.length)));
  });

  describe('--awkward', () => {
    const byDescription = (needle: string) => allTransactions.find((t) => t.description.includes(needle)) as Transaction;

    it('opens the first file with the special lines: zero, trailing zeros, unicode, a TAB, a hash above 2^63 and its duplicate', () => {
      const first = transactionsOf(plan, plan.files[0]).slice(0, SPECIAL_LINES.length);
      expect(first.map((t) => t.amount)).toEqual(['0', '-120.50', '-1200.10', '-87.28', '-64.00', '-64.00', '2345.60']);
      const large = byDescription('AWKWARD LARGE HASH');
      expect(large.transactionHash).toBeGreaterThan(1n << 63n);
      expect(computeTransactionHash(large.accountId, large.date, large.amount, large.description)).toBe(large.transactionHash);
      expect(first[5]).toMatchObject({ status: 'duplicate', transactionHash: large.transactionHash, description: large.description });
      expect(byDescription('SAINSBURYS.CO.UK \t').categories[0]).toMatchObject({ status: 'confirmed', isManual: false });
      expect(byDescription('東京ラーメン 🍜 新宿店').categories[0]).toMatchObject({ status: 'confirmed', isManual: true });
    });

    it('adds a zero-byte file, a 20 MiB file streamed in chunks, and unicode file names', () => {
      const empty = plan.files.find((f) => f.kind === 'empty') as FilePlan;
      const large = plan.files.find((f) => f.kind === 'large') as FilePlan;
      expect([...statementChunks(plan, empty)]).toEqual([]);
      expect(transactionFileRecord(plan, empty)).toMatchObject({ fileSize: 0, processingStatus: 'error', recordCount: 0 });
      let size = 0;
      let largest = 0;
      for (const chunk of statementChunks(plan, large)) {
        size += chunk.length;
        largest = Math.max(largest, chunk.length);
      }
      expect([size, transactionFileRecord(plan, large).fileSize]).toEqual([LARGE_FILE_BYTES, LARGE_FILE_BYTES]);
      expect(largest).toBeLessThanOrEqual(64 * 1024);
      expect(plan.files.slice(0, 2).map((f) => transactionFileRecord(plan, f).s3Key)).toEqual([
        `user-a/${plan.files[0].fileId}/relevé de compte – 2024 ✓.csv`,
        `user-a/${plan.files[1].fileId}/取引明細書 2024年1月.ofx`,
      ]);
    });

    it('refuses too few transactions for the special lines, with the fix in the message', () => {
      expect(() => planSeed({ userId: 'u', transactions: 20, files: 6, awkward: true })).toThrow(
        '--awkward writes 7 special transactions into the first statement file, which gets only 4: raise --transactions or lower --files',
      );
    });
  });

  it('refuses invalid options, listing every problem', () => {
    expect(() => planSeed({ userId: '', transactions: -1, files: 0 })).toThrow(
      'invalid seed options: user must be a non-empty ID of at most 128 characters; transactions must be a whole number from 0 to 2000000, got -1; files must be a whole number from 1 to 1000, got 0',
    );
  });
});
