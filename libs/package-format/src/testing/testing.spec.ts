import fc from 'fast-check';

import { entityIdOf } from '../entities/entity-id';
import { ENTITY_NAMES, EntityName } from '../entities/entity-name';
import type { EntityDataset } from '../entities/entity-records';
import {
  ACCOUNT_TYPES,
  ANALYTIC_TYPES,
  CATEGORY_ASSIGNMENT_STATUSES,
  CATEGORY_TYPES,
  CURRENCIES,
  FILE_FORMATS,
  PROCESSING_STATUSES,
  RULE_CONDITIONS,
  RULE_FIELDS_TO_MATCH,
  RULE_INHERITANCE_MODES,
  TRANSACTION_STATUSES,
} from '../entities/enums';
import { validateRecord } from '../entities/validate-record';
import {
  EDGE_ACCOUNT_ID,
  EDGE_HASH_TRANSACTIONS,
  REAL_WORLD_HASH_VECTOR,
  arbAccount,
  arbAnalytics,
  arbCategory,
  arbDataset,
  arbFileMap,
  arbTransaction,
  arbTransactionFile,
  buildAccount,
  buildAnalytics,
  buildAssignment,
  buildCategory,
  buildDataset,
  buildFieldMapping,
  buildFileMap,
  buildRule,
  buildTransaction,
  buildTransactionFile,
  datasetReferenceProblems,
  datasetValidationIssues,
  toPackageJson,
} from './index';

/** Validating the reader's form of a record gives back the record itself, with no issue. */
function roundTrips<E extends EntityName>(entity: E, record: unknown): void {
  expect(validateRecord(entity, toPackageJson(record))).toEqual({ record, issues: [] });
}

describe('builders', () => {
  it('build valid records that validate back to themselves', () => {
    roundTrips('accounts', buildAccount());
    roundTrips('transactions', buildTransaction({ categories: [buildAssignment(), buildAssignment({ status: 'suggested', ruleId: buildRule().ruleId })] }));
    roundTrips('categories', buildCategory({ rules: [buildRule(), buildRule({ condition: 'amount_between', amountMin: '0', amountMax: '10' })] }));
    roundTrips('file_maps', buildFileMap({ mappings: [buildFieldMapping(), buildFieldMapping({ transformation: 'trim' })] }));
    roundTrips('transaction_files', buildTransactionFile());
    roundTrips('analytics', buildAnalytics());
  });

  it('derive statusDate and transactionHash from the final fields', () => {
    const t = buildTransaction({ accountId: REAL_WORLD_HASH_VECTOR.accountId, date: REAL_WORLD_HASH_VECTOR.date, amount: '-87.28', description: REAL_WORLD_HASH_VECTOR.description, status: 'duplicate' });
    expect(t.transactionHash).toBe(REAL_WORLD_HASH_VECTOR.hash);
    expect(t.statusDate).toBe(`duplicate#${REAL_WORLD_HASH_VECTOR.date}`);
  });

  it('leave optional fields out when overridden with undefined', () => {
    expect(buildAccount({ balance: undefined, currency: undefined })).not.toHaveProperty('balance');
  });
});

describe('buildDataset', () => {
  const dataset = buildDataset();

  it('is valid, consistent and deterministic', () => {
    expect(datasetValidationIssues(dataset)).toEqual([]);
    expect(datasetReferenceProblems(dataset, 3)).toEqual([]);
    expect(buildDataset()).toEqual(dataset);
  });

  it('covers every enum value', () => {
    const seen = (values: readonly unknown[], used: unknown[]) => expect(new Set(used)).toEqual(new Set(values));
    seen(ACCOUNT_TYPES, dataset.accounts.map((a) => a.accountType));
    seen(CURRENCIES, dataset.transactions.map((t) => t.currency).filter((c) => c !== undefined));
    seen(TRANSACTION_STATUSES, dataset.transactions.map((t) => t.status));
    seen(CATEGORY_ASSIGNMENT_STATUSES, dataset.transactions.flatMap((t) => t.categories.map((c) => c.status)));
    seen(CATEGORY_TYPES, dataset.categories.map((c) => c.type));
    seen(RULE_INHERITANCE_MODES, dataset.categories.map((c) => c.ruleInheritanceMode));
    seen(RULE_CONDITIONS, dataset.categories.flatMap((c) => c.rules.map((r) => r.condition)));
    seen(RULE_FIELDS_TO_MATCH, dataset.categories.flatMap((c) => c.rules.map((r) => r.fieldToMatch)));
    seen(PROCESSING_STATUSES, dataset.transaction_files.map((f) => f.processingStatus));
    seen(FILE_FORMATS, dataset.transaction_files.map((f) => f.fileFormat));
    seen(ANALYTIC_TYPES, dataset.analytics.map((a) => a.analyticType));
  });

  it('holds the real-world vector and computed hashes near 2^53, 2^63 and 2^64', () => {
    const hashes = dataset.transactions.map((t) => t.transactionHash);
    expect(hashes).toContain(REAL_WORLD_HASH_VECTOR.hash);
    for (const { hash } of EDGE_HASH_TRANSACTIONS) expect(hashes).toContain(hash);
    expect(dataset.accounts.map((a) => a.accountId)).toContain(EDGE_ACCOUNT_ID);
    expect(hashes.some((h) => h > 2n ** 64n - 2n ** 42n)).toBe(true);
  });

  it('has a category tree three levels deep', () => {
    const byId = new Map(dataset.categories.map((c) => [c.categoryId, c]));
    const depth = (id: string | undefined): number => (id === undefined ? 0 : 1 + depth(byId.get(id)?.parentCategoryId));
    expect(Math.max(...dataset.categories.map((c) => depth(c.categoryId)))).toBe(3);
  });
});

describe('arbitraries', () => {
  it.each([
    ['accounts', arbAccount()],
    ['transactions', arbTransaction()],
    ['categories', arbCategory()],
    ['file_maps', arbFileMap()],
    ['transaction_files', arbTransactionFile()],
    ['analytics', arbAnalytics()],
  ] as const)('%s records are valid and validate back to themselves', (entity, arbitrary) => {
    fc.assert(fc.property(arbitrary as fc.Arbitrary<unknown>, (record) => roundTrips(entity, record)), { numRuns: 60 });
  });

  it('arbDataset makes valid, referentially consistent datasets', () => {
    fc.assert(
      fc.property(arbDataset(), (dataset) => {
        expect(datasetValidationIssues(dataset)).toEqual([]);
        expect(datasetReferenceProblems(dataset, 3)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('arbDataset honours its constraints and options', () => {
    const sample = fc.sample(arbDataset({ maxTransactions: 1, maxAccounts: 1, edgeRecords: 'never', withUserId: true }), 30);
    for (const dataset of sample) {
      expect(dataset.transactions.length).toBeLessThanOrEqual(1);
      expect(dataset.accounts.length).toBeLessThanOrEqual(1);
      for (const entity of ENTITY_NAMES) for (const record of dataset[entity] as { userId?: string }[]) expect(record.userId).toBeDefined();
    }
    const withEdges = fc.sample(arbDataset({ edgeRecords: 'always' }), 5);
    for (const dataset of withEdges) expect(dataset.accounts.map((a) => a.accountId)).toContain(EDGE_ACCOUNT_ID);
  });

  it('arbDataset meets every enum value across runs, and stays fast', () => {
    const started = Date.now();
    const sample: EntityDataset[] = fc.sample(arbDataset(), 200);
    const elapsed = Date.now() - started;
    const all = <E extends EntityName>(entity: E) => sample.flatMap((d) => d[entity]);
    expect(new Set(all('accounts').map((a) => a.accountType))).toEqual(new Set(ACCOUNT_TYPES));
    expect(new Set(all('transactions').map((t) => t.currency))).toEqual(new Set(CURRENCIES));
    expect(new Set(all('categories').flatMap((c) => c.rules.map((r) => r.condition)))).toEqual(new Set(RULE_CONDITIONS));
    expect(new Set(all('transaction_files').map((f) => f.fileFormat))).toEqual(new Set(FILE_FORMATS));
    expect(new Set(all('analytics').map((a) => a.analyticType))).toEqual(new Set(ANALYTIC_TYPES));
    expect(all('transactions').some((t) => t.amount === '-0.00' || t.amount === '0')).toBe(true);
    expect(all('transactions').some((t) => t.transactionHash > 2n ** 64n - 2n ** 42n)).toBe(true);
    expect(new Set(all('transactions').map((t) => entityIdOf('transactions', t))).size).toBe(all('transactions').length);
    expect(elapsed).toBeLessThan(5000);
  });
});
