import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDataset, fixedUuid } from '@housef3/package-format/testing';
import type { EntityDataset, EntityName } from '@housef3/package-format';
import { InMemoryExistingRecords } from './testing/existing-records.fake';
import { IDS, smallDataset } from './testing/small-dataset';
import { writtenPackage } from './testing/test-packages';
import { issuesOf, validate } from './testing/validate';

const MISSING = 'dddddddd-0000-4000-8000-000000000404';

/** smallDataset with 300 more transactions, a late duplicate of an early one, and references into transactions from the 1.2 entities (one dangling). */
function largerDataset(): EntityDataset {
  const dataset = smallDataset();
  const base = dataset.transactions[0];
  for (let i = 0; i < 300; i += 1) dataset.transactions.push({ ...base, transactionId: fixedUuid('77770000', 100 + i), importOrder: 100 + i });
  dataset.transactions.push({ ...base, transactionId: fixedUuid('77770000', 105), description: 'COPY' });
  dataset.transactions.push({ ...base, transactionId: fixedUuid('77770000', 999), accountId: MISSING });
  const pattern = dataset.recurring_charge_patterns?.[0];
  if (pattern === undefined) throw new Error('smallDataset has a pattern');
  dataset.recurring_charge_patterns = [{ ...pattern, matchedTransactionIds: [IDS.transaction1, fixedUuid('77770000', 100), MISSING, fixedUuid('77770000', 250)] }];
  return dataset;
}

describe('validateImport with IDs spilled to disk', () => {
  let parent: string;

  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'validate-spill-spec-'));
  });

  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it.each([
    ['the coverage dataset', () => buildDataset()],
    ['a larger package with duplicates and dangling references', largerDataset],
  ])('reports %s exactly as with every ID in memory, and leaves no file behind', async (_name, dataset) => {
    const existing = (): InMemoryExistingRecords => new InMemoryExistingRecords([{ entity: 'transactions', id: fixedUuid('77770000', 120), owner: 'someone-else' }]);
    const inMemory = await validate(await writtenPackage(dataset()), existing());
    const spilled = await validate(await writtenPackage(dataset()), existing(), { spillDirectory: parent, idMemoryKeys: 3 });
    expect(spilled).toEqual(inMemory);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('finds the duplicate and the dangling references of the larger package', async () => {
    const report = await validate(await writtenPackage(largerDataset()), new InMemoryExistingRecords(), { spillDirectory: parent, idMemoryKeys: 2 });
    expect(issuesOf(report, 'DUPLICATE_ID')).toEqual([expect.objectContaining({ entity: 'transactions', id: fixedUuid('77770000', 105), index: 302 })]);
    expect(issuesOf(report, 'DANGLING_REFERENCE').map((issue) => [issue.entity, issue.field])).toEqual([
      ['transactions', 'accountId'],
      ['recurring_charge_patterns', 'matchedTransactionIds[2]'],
    ]);
    expect(report.summary.transactions).toMatchObject({ total: 304, errors: 2, valid: 302 });
  });

  it('removes its folder when validation fails part-way (a failing owner lookup)', async () => {
    const failing = {
      calls: 0,
      async owners(entity: EntityName): Promise<Map<string, string>> {
        if (entity === 'transactions' && (this.calls += 1) === 2) throw new Error('DynamoDB unavailable');
        return new Map();
      },
    };
    await expect(validate(await writtenPackage(largerDataset()), failing, { spillDirectory: parent, idMemoryKeys: 2 })).rejects.toThrow('DynamoDB unavailable');
    expect(readdirSync(parent)).toEqual([]);
  });
});
