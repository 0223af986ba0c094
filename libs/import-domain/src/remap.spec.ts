import fc from 'fast-check';
import { computeTransactionHash, ENTITY_NAMES, entityIdOf, validateRecord, type EntityDataset, type EntityName, type EntityRecordOf } from '@housef3/package-format';
import { arbDataset, buildTransaction, datasetReferenceProblems, toPackageJson } from '@housef3/package-format/testing';
import { newIdFor, newRuleIdFor, targetFileKey, transformForImport, type RecordTransformContext } from './remap';
import { IDS, smallDataset } from './testing/small-dataset';

const IMPORT_ID = '11111111-2222-4333-8444-555555555555';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function transformAll(dataset: EntityDataset, ctx: RecordTransformContext): EntityDataset {
  const out = {} as Record<EntityName, unknown[]>;
  for (const entity of ENTITY_NAMES) out[entity] = (dataset[entity] as EntityRecordOf<EntityName>[]).map((record) => transformForImport(entity, record, ctx));
  return out as EntityDataset;
}

/** Every ID and rule ID of a dataset (analytics keys hold no ID of their own). */
function idsOf(dataset: EntityDataset): string[] {
  const ids = ENTITY_NAMES.filter((entity) => entity !== 'analytics').flatMap((entity) => (dataset[entity] as EntityRecordOf<EntityName>[]).map((record) => entityIdOf(entity, record)));
  return [...ids, ...dataset.categories.flatMap((category) => category.rules.map((rule) => rule.ruleId))];
}

const json = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

describe('newIdFor / newRuleIdFor', () => {
  it('are pinned: a resumed import must find the IDs an earlier process wrote, whatever was deployed in between', () => {
    // Cross-checked with Python: uuid.UUID(bytes=sha256(b'<importId>|accounts|<oldId>')[:16], version=4).
    expect(newIdFor(IMPORT_ID, 'accounts', '4fdbd757-53b4-4a58-a2d4-551c2419149a')).toBe('0d4dd8c6-15c3-4611-9be2-9c37ffc23df9');
    expect(newRuleIdFor(IMPORT_ID, 'rule_0000c0de')).toBe('rule_864bffa5');
  });

  it('give lower-case UUIDv4s and HouseF3 rule IDs, different per import, entity and old ID', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.string(), fc.constantFrom(...ENTITY_NAMES), (importId, oldId, entity) => {
        const id = newIdFor(importId, entity, oldId);
        expect(id).toMatch(UUID_V4);
        expect(newIdFor(importId, entity, oldId)).toBe(id);
        expect(newIdFor(`${importId}x`, entity, oldId)).not.toBe(id);
        expect(newIdFor(importId, entity, `${oldId}x`)).not.toBe(id);
        expect(newRuleIdFor(importId, oldId)).toMatch(/^rule_[0-9a-f]{8}$/);
      }),
      { numRuns: 50 },
    );
    expect(newIdFor(IMPORT_ID, 'accounts', IDS.account)).not.toBe(newIdFor(IMPORT_ID, 'file_maps', IDS.account));
  });

  it('targetFileKey is HouseF3\'s {userId}/{fileId}/{fileName}', () => {
    expect(targetFileKey('u-1', IDS.file, 'stmt (1).csv')).toBe(`u-1/${IDS.file}/stmt (1).csv`);
  });
});

describe('transformForImport with remapIds', () => {
  it('keeps every reference consistent, leaves no old ID, recomputes every hash (property)', () => {
    fc.assert(
      fc.property(arbDataset({ withUserId: true }), fc.uuid(), (dataset, importId) => {
        const ctx = { importId, userId: 'importer-user', remapIds: true };
        const out = transformAll(dataset, ctx);
        expect(datasetReferenceProblems(out)).toEqual([]);
        const text = json(out);
        for (const oldId of idsOf(dataset)) expect(text).not.toContain(oldId);
        for (const t of out.transactions) expect(t.transactionHash).toBe(computeTransactionHash(t.accountId, t.date, t.amount, t.description));
        for (const f of out.transaction_files) expect(f.s3Key).toBe(`importer-user/${f.fileId}/${f.fileName}`);
        for (const entity of ENTITY_NAMES) {
          for (const record of out[entity] as EntityRecordOf<EntityName>[]) {
            expect(record).not.toHaveProperty('userId');
            expect(validateRecord(entity, toPackageJson(record)).issues.filter((issue) => issue.severity === 'error')).toEqual([]);
          }
        }
        // Deterministic: another step, another process, after a restart: the same records.
        expect(json(transformAll(dataset, ctx))).toBe(text);
      }),
      { numRuns: 40 },
    );
  });

  it('rewrites each ID with the function of the entity it names', () => {
    const dataset = smallDataset();
    const ctx = { importId: IMPORT_ID, userId: 'importer-user', remapIds: true };
    const [t] = dataset.transactions.map((record) => transformForImport('transactions', record, ctx));
    expect(t).toMatchObject({
      transactionId: newIdFor(IMPORT_ID, 'transactions', IDS.transaction1),
      accountId: newIdFor(IMPORT_ID, 'accounts', IDS.account),
      fileId: newIdFor(IMPORT_ID, 'transaction_files', IDS.file),
      primaryCategoryId: newIdFor(IMPORT_ID, 'categories', IDS.child),
      categories: [expect.objectContaining({ categoryId: newIdFor(IMPORT_ID, 'categories', IDS.child), ruleId: newRuleIdFor(IMPORT_ID, IDS.rule) })],
    });
    const analytics = transformForImport('analytics', dataset.analytics[0], ctx);
    expect(analytics.accountId).toBe(newIdFor(IMPORT_ID, 'accounts', IDS.account));
    expect(transformForImport('analytics', dataset.analytics[1], ctx)).not.toHaveProperty('accountId');
    expect(Object.keys(t)).toEqual(Object.keys(dataset.transactions[0]));
    expect(dataset.transactions[0].transactionId).toBe(IDS.transaction1);
  });

  it('refuses to remap without an importId', () => {
    expect(() => transformForImport('accounts', smallDataset().accounts[0], { importId: '', userId: 'u', remapIds: true })).toThrow(TypeError);
  });
});

describe('transformForImport without remapIds', () => {
  const ctx = { importId: IMPORT_ID, userId: 'importer-user', remapIds: false };

  it('keeps IDs and the package\'s transactionHash exactly, above 2^63 and even when it does not match', () => {
    const hash = (1n << 63n) + 987_654_321n;
    const transaction = buildTransaction({ transactionHash: hash, userId: 'source-user' });
    const out = transformForImport('transactions', transaction, ctx);
    expect(out.transactionHash).toBe(hash);
    expect(typeof out.transactionHash).toBe('bigint');
    expect(out).not.toHaveProperty('userId');
    const { userId: _dropped, ...rest } = transaction;
    expect(out).toEqual(rest);
  });

  it('still moves original files under the importing user and drops the package userId', () => {
    const dataset = smallDataset();
    const file = transformForImport('transaction_files', { ...dataset.transaction_files[0], userId: 'source-user' }, ctx);
    expect(file.s3Key).toBe(`importer-user/${IDS.file}/statement.csv`);
    expect(file.fileId).toBe(IDS.file);
    expect(file).not.toHaveProperty('userId');
    expect(transformAll(dataset, ctx).accounts).toEqual(dataset.accounts);
  });
});

describe('transformForImport: the format 1.2 entities', () => {
  const ctx = { importId: IMPORT_ID, userId: 'restorer', remapIds: true };
  const dataset = smallDataset();

  it('rewrites a pattern\'s id, every matched transaction and its suggested category', () => {
    const [pattern] = dataset.recurring_charge_patterns;
    const out = transformForImport('recurring_charge_patterns', { ...pattern!, userId: 'source' }, ctx);
    expect(out.patternId).toBe(newIdFor(IMPORT_ID, 'recurring_charge_patterns', IDS.pattern));
    expect(out.matchedTransactionIds).toEqual([newIdFor(IMPORT_ID, 'transactions', IDS.transaction1), newIdFor(IMPORT_ID, 'transactions', IDS.transaction2)]);
    expect(out.suggestedCategoryId).toBe(newIdFor(IMPORT_ID, 'categories', IDS.child));
    expect(out).not.toHaveProperty('userId');
    expect({ ...out, patternId: pattern!.patternId, matchedTransactionIds: pattern!.matchedTransactionIds, suggestedCategoryId: pattern!.suggestedCategoryId }).toEqual(pattern);
  });

  it('gives a prediction its pattern\'s new id and feedback new ids for itself, its pattern and its transaction', () => {
    const prediction = transformForImport('recurring_charge_predictions', dataset.recurring_charge_predictions[0]!, ctx);
    expect(prediction.patternId).toBe(newIdFor(IMPORT_ID, 'recurring_charge_patterns', IDS.pattern));
    const feedback = transformForImport('pattern_feedback', dataset.pattern_feedback[0]!, ctx);
    expect(feedback).toMatchObject({
      feedbackId: newIdFor(IMPORT_ID, 'pattern_feedback', IDS.feedback),
      patternId: newIdFor(IMPORT_ID, 'recurring_charge_patterns', IDS.pattern),
      transactionId: newIdFor(IMPORT_ID, 'transactions', IDS.transaction1),
    });
  });

  it('keeps every id without remapIds, and preferences as they are', () => {
    const keep = { ...ctx, remapIds: false };
    expect(transformForImport('recurring_charge_patterns', dataset.recurring_charge_patterns[0]!, keep)).toEqual(dataset.recurring_charge_patterns[0]);
    expect(transformForImport('pattern_feedback', dataset.pattern_feedback[0]!, keep)).toEqual(dataset.pattern_feedback[0]);
    expect(transformForImport('user_preferences', { ...dataset.user_preferences[0]!, userId: 'source' }, ctx)).toEqual(dataset.user_preferences[0]);
  });
});
