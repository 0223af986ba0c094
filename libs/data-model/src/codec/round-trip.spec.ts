import fc from 'fast-check';
import { ENTITY_NAMES, EntityName, EntityRecordOf, validateRecord } from '@housef3/package-format';
import {
  arbAccount,
  arbAnalytics,
  arbCategory,
  arbFileMap,
  arbTransaction,
  arbTransactionFile,
  buildDataset,
  buildPatternFeedback,
  buildRecurringChargePattern,
  buildRecurringChargePrediction,
  buildUserPreferences,
} from '@housef3/package-format/testing';
import { fromItem } from './from-item';
import { toItem } from './to-item';

const USER = 'us-east-1:0b8e3a52-6f2e-4c55-9d8c-1f0a7c3e2b11';

/** toItem -> fromItem -> validateRecord gives the very record back (without userId), with no issue. */
function roundTrip<E extends EntityName>(entity: E, record: EntityRecordOf<E>): void {
  const item = toItem(entity, record, USER);
  const decoded = fromItem(entity, item);
  expect(decoded.issues).toEqual([]);
  expect(decoded.userId).toBe(USER);
  expect(decoded.raw).not.toHaveProperty('userId');
  const validated = validateRecord(entity, decoded.raw);
  expect(validated.issues).toEqual([]);
  const { userId: _ignored, ...expected } = record as EntityRecordOf<E> & { userId?: string };
  expect(validated.record).toEqual(expected);
}

const ARBITRARIES: { [E in EntityName]: fc.Arbitrary<EntityRecordOf<E>> } = {
  accounts: arbAccount(),
  transactions: arbTransaction(),
  categories: arbCategory({ maxRules: 3 }),
  file_maps: arbFileMap(),
  transaction_files: arbTransactionFile(),
  analytics: arbAnalytics(),
  // the 1.2 entities: their builders, with and without every optional field
  user_preferences: fc.constantFrom(buildUserPreferences(), buildUserPreferences({ preferences: {} })),
  recurring_charge_patterns: fc.constantFrom(
    buildRecurringChargePattern({ matchedTransactionIds: ['77777777-0000-4000-8000-000000000001'], suggestedCategoryId: 'ca7e0000-0000-4000-8000-000000000001', criteriaValidationErrors: ['x'] }),
    buildRecurringChargePattern({ dayOfMonth: undefined, featureVector: undefined, clusterId: undefined, reviewedBy: undefined, reviewedAt: undefined, active: false, autoCategorize: true }),
  ),
  recurring_charge_predictions: fc.constantFrom(buildRecurringChargePrediction(), buildRecurringChargePrediction({ daysUntilDue: -3, expectedAmount: '0' })),
  pattern_feedback: fc.constantFrom(buildPatternFeedback(), buildPatternFeedback({ userCorrection: undefined, transactionId: '77777777-0000-4000-8000-000000000001' })),
};

describe('toItem -> fromItem -> validateRecord', () => {
  it.each(ENTITY_NAMES)('round-trips every field of random %s records', (entity) => {
    fc.assert(fc.property(ARBITRARIES[entity] as fc.Arbitrary<EntityRecordOf<typeof entity>>, (record) => roundTrip(entity, record)), { numRuns: 60 });
  });

  it('round-trips the whole fixed dataset (every enum value, edge amounts and texts, hashes near 2^53, 2^63, 2^64)', () => {
    const dataset = buildDataset();
    for (const entity of ENTITY_NAMES) {
      expect(dataset[entity].length).toBeGreaterThan(0);
      for (const record of dataset[entity]) roundTrip(entity, record);
    }
  });

  it('stores the 1.2 entities as HouseF3 does: pattern flags as "true"/"false" text, decimals as N, matched ids as a list of S', () => {
    const item = toItem('recurring_charge_patterns', buildRecurringChargePattern({ active: true, autoCategorize: false, matchedTransactionIds: ['a', 'b'] }), USER);
    expect(item.active).toEqual({ S: 'true' });
    expect(item.autoCategorize).toEqual({ S: 'false' });
    expect(item.amountMean).toEqual({ N: '-15.99' });
    expect(item.featureVector).toEqual({ L: [{ N: '0.5' }, { N: '-1.25' }, { N: '0' }] });
    expect(item.matchedTransactionIds).toEqual({ L: [{ S: 'a' }, { S: 'b' }] });
    const prediction = toItem('recurring_charge_predictions', buildRecurringChargePrediction(), USER);
    expect(prediction.amountRange).toEqual({ M: { min: { N: '-17.59' }, max: { N: '-14.39' } } });
    expect(prediction.userId).toEqual({ S: USER });
    expect(toItem('user_preferences', buildUserPreferences(), USER).userId).toEqual({ S: USER });
  });

  it('ignores the record\'s own userId: the item belongs to the given user', () => {
    const [account] = buildDataset().accounts;
    const item = toItem('accounts', { ...account, userId: 'source-user' }, USER);
    expect(item.userId).toEqual({ S: USER });
  });
});
