import { buildTransaction } from '@housef3/package-format/testing';
import type { EntityName } from '@housef3/package-format';
import { InMemoryExistingRecords } from './testing/existing-records.fake';
import { writtenPackage } from './testing/test-packages';
import { IDS, smallDataset } from './testing/small-dataset';
import { IMPORTER, issuesOf, validate } from './testing/validate';

const VICTIM = 'victim-user-7f3a';
const ANALYTICS_OWN = `cash_flow#overall#${IDS.account}`;
const ANALYTICS_ALL = 'category_trends#overall#ALL';

/** Every ID of smallDataset, owned by `owner`. */
function allOwnedBy(owner: string): { entity: EntityName; id: string; owner: string }[] {
  return [
    { entity: 'categories', id: IDS.parent, owner },
    { entity: 'categories', id: IDS.child, owner },
    { entity: 'file_maps', id: IDS.fileMap, owner },
    { entity: 'accounts', id: IDS.account, owner },
    { entity: 'transaction_files', id: IDS.file, owner },
    { entity: 'transactions', id: IDS.transaction1, owner },
    { entity: 'transactions', id: IDS.transaction2, owner },
    { entity: 'analytics', id: ANALYTICS_OWN, owner },
    { entity: 'analytics', id: ANALYTICS_ALL, owner },
  ];
}

describe('validateImport: owner lookups', () => {
  it('asks about every ID of every entity, in batches of at most 100', async () => {
    const dataset = smallDataset();
    for (let i = 0; i < 248; i += 1) dataset.transactions.push(buildTransaction({ accountId: IDS.account, fileId: IDS.file }));
    const existing = new InMemoryExistingRecords();
    const report = await validate(await writtenPackage(dataset), existing);
    expect(report.ok).toBe(true);
    expect(existing.calls.map(({ entity, ids }) => [entity, ids.length])).toEqual([
      ['categories', 2],
      ['file_maps', 1],
      ['accounts', 1],
      ['transaction_files', 1],
      ['transactions', 100],
      ['transactions', 100],
      ['transactions', 50],
      ['analytics', 2],
      ['user_preferences', 1],
      ['recurring_charge_patterns', 1],
      ['recurring_charge_predictions', 1],
      ['pattern_feedback', 1],
    ]);
    expect(existing.calls.flatMap((call) => call.ids).filter((id) => id === IDS.transaction1)).toHaveLength(1);
    expect(existing.calls.find((call) => call.entity === 'analytics')?.ids).toEqual([ANALYTICS_OWN, ANALYTICS_ALL]);
  });

  it('does not look up records refused already (invalid or duplicate)', async () => {
    const dataset = smallDataset();
    dataset.transactions.push(dataset.transactions[0]);
    const existing = new InMemoryExistingRecords();
    await validate(await writtenPackage(dataset), existing);
    expect(existing.calls.find((call) => call.entity === 'transactions')?.ids).toEqual([IDS.transaction1, IDS.transaction2]);
  });

  it('throws what the lookup throws: a failing table says nothing about the package', async () => {
    const failing = { owners: () => Promise.reject(new Error('ProvisionedThroughputExceededException')) };
    await expect(validate(await writtenPackage(smallDataset()), failing)).rejects.toThrow('ProvisionedThroughputExceededException');
  });
});

describe("validateImport: another user's IDs", () => {
  it.each(['fail_on_conflict', 'skip_existing', 'overwrite'] as const)('refuses them under %s, without naming the other user', async (mergeStrategy) => {
    const existing = new InMemoryExistingRecords([{ entity: 'accounts', id: IDS.account, owner: VICTIM }]);
    const report = await validate(await writtenPackage(smallDataset()), existing, { mergeStrategy, overwriteExisting: mergeStrategy === 'overwrite' });
    expect(report.ok).toBe(false);
    expect(issuesOf(report, 'ID_OWNED_BY_ANOTHER_USER')).toEqual([
      {
        entity: 'accounts', id: IDS.account, index: 0, field: 'accountId', severity: 'error', code: 'ID_OWNED_BY_ANOTHER_USER',
        message: `accounts[0] (accountId ${IDS.account}): this ID already belongs to another user's record, which an import never writes over; import with remapIds: true to give every imported record a new ID`,
      },
    ]);
    expect(JSON.stringify(report)).not.toContain(VICTIM);
    expect(report.summary.accounts).toMatchObject({ existingOther: 1, existingOwn: 0, errors: 1, valid: 0 });
  });

  it('accepts them with remapIds, which looks up nothing but the analytics and preferences whose key has no ID', async () => {
    const existing = new InMemoryExistingRecords(allOwnedBy(VICTIM).filter((record) => record.entity !== 'analytics'));
    const report = await validate(await writtenPackage(smallDataset()), existing, { remapIds: true });
    expect(report.issues).toEqual([]);
    expect(report.ok).toBe(true);
    expect(existing.calls).toEqual([{ entity: 'analytics', ids: [ANALYTICS_ALL] }, { entity: 'user_preferences', ids: ['preferences'] }]);
  });

  it('never takes analytics for another user\'s: their keys live under the importing user', async () => {
    const existing = new InMemoryExistingRecords([{ entity: 'analytics', id: ANALYTICS_OWN, owner: 'whatever-the-table-says' }]);
    const report = await validate(await writtenPackage(smallDataset()), existing, { mergeStrategy: 'skip_existing' });
    expect(report.ok).toBe(true);
    expect(report.summary.analytics).toMatchObject({ existingOwn: 1, existingOther: 0 });
  });
});

describe('validateImport: merge strategies with the importing user\'s own IDs', () => {
  it('fail_on_conflict refuses every record that exists already', async () => {
    const report = await validate(await writtenPackage(smallDataset()), new InMemoryExistingRecords(allOwnedBy(IMPORTER)));
    expect(report.ok).toBe(false);
    expect(report.issueCounts).toEqual({ CONFLICT: 9 });
    expect(issuesOf(report, 'CONFLICT')[0]).toEqual({
      entity: 'categories', id: IDS.parent, index: 0, field: 'categoryId', severity: 'error', code: 'CONFLICT',
      message: `categories[0] (categoryId ${IDS.parent}): a record with this ID already exists in your data and mergeStrategy is fail_on_conflict; choose skip_existing to keep yours, overwrite (with overwriteExisting: true) to replace it, or remapIds: true to import a copy with new IDs`,
    });
    expect(report.summary.transactions).toMatchObject({ existingOwn: 2, errors: 2, valid: 0 });
  });

  it('skip_existing counts them and passes', async () => {
    const report = await validate(await writtenPackage(smallDataset()), new InMemoryExistingRecords(allOwnedBy(IMPORTER)), { mergeStrategy: 'skip_existing' });
    expect(report.issues).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.summary.transactions).toEqual({ valid: 2, warnings: 0, errors: 0, total: 2, existingOwn: 2, existingOther: 0 });
    expect(report.summary.categories.existingOwn).toBe(2);
  });

  it('overwrite with overwriteExisting: true counts them and passes', async () => {
    const report = await validate(await writtenPackage(smallDataset()), new InMemoryExistingRecords(allOwnedBy(IMPORTER)), { mergeStrategy: 'overwrite', overwriteExisting: true });
    expect(report.ok).toBe(true);
    expect(report.summary.accounts).toMatchObject({ existingOwn: 1, valid: 1 });
  });

  it('overwrite needs overwriteExisting: true, whatever the data', async () => {
    const report = await validate(await writtenPackage(smallDataset()), new InMemoryExistingRecords(), { mergeStrategy: 'overwrite', overwriteExisting: false });
    expect(report.ok).toBe(false);
    expect(report.issues).toEqual([
      {
        entity: 'package', field: 'overwriteExisting', severity: 'error', code: 'OVERWRITE_NOT_CONFIRMED',
        message: 'mergeStrategy overwrite replaces your existing records with the ones in the package; confirm it by setting overwriteExisting: true, or choose skip_existing (keep yours) or fail_on_conflict',
      },
    ]);
  });

  it('warns that overwriteExisting: true does nothing without mergeStrategy overwrite', async () => {
    const report = await validate(await writtenPackage(smallDataset()), new InMemoryExistingRecords(), { mergeStrategy: 'skip_existing', overwriteExisting: true });
    expect(report.ok).toBe(true);
    expect(report.issues).toEqual([expect.objectContaining({ entity: 'package', field: 'overwriteExisting', severity: 'warning', code: 'OVERWRITE_FLAG_IGNORED' })]);
  });

  it('with remapIds only an existing analytics-for-all-accounts key conflicts, and says why', async () => {
    const report = await validate(await writtenPackage(smallDataset()), new InMemoryExistingRecords(allOwnedBy(IMPORTER)), { remapIds: true });
    expect(report.issues).toEqual([
      expect.objectContaining({
        entity: 'analytics', id: ANALYTICS_ALL, code: 'CONFLICT',
        message: `analytics[1] (key ${ANALYTICS_ALL}): a record with this ID already exists in your data and mergeStrategy is fail_on_conflict (analytics for all accounts keep their key when IDs are remapped); choose skip_existing to keep yours, overwrite (with overwriteExisting: true) to replace it`,
      }),
    ]);
  });
});
