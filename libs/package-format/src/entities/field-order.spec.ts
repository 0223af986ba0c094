import {
  buildAccount, buildAnalytics, buildCategory, buildFileMap, buildPatternFeedback, buildRecurringChargePattern, buildRecurringChargePrediction, buildTransaction,
  buildTransactionFile, buildUserPreferences,
} from '../testing';
import { ENTITY_NAMES, isEntityName } from './entity-name';
import { entityIdOf } from './entity-id';
import { canonicalNested, canonicalRecord, fieldOrder, nestedFieldOrder, nestedFieldTypes } from './field-order';

describe('entity names', () => {
  it('lists every entity once, in restore order', () => {
    expect(ENTITY_NAMES).toEqual([
      'categories', 'file_maps', 'accounts', 'transaction_files', 'transactions', 'analytics',
      'user_preferences', 'recurring_charge_patterns', 'recurring_charge_predictions', 'pattern_feedback',
    ]);
    expect(isEntityName('accounts')).toBe(true);
    expect(isEntityName('users')).toBe(false);
  });
});

describe('fieldOrder', () => {
  it('puts the ID first, then userId, then the data model order', () => {
    expect(fieldOrder('accounts').slice(0, 4)).toEqual(['accountId', 'userId', 'accountName', 'accountType']);
    expect(fieldOrder('transactions')).toEqual([
      'transactionId', 'userId', 'accountId', 'fileId', 'date', 'description', 'amount', 'currency', 'balance', 'importOrder',
      'transactionType', 'memo', 'checkNumber', 'fitId', 'status', 'statusDate', 'transactionHash', 'categories',
      'primaryCategoryId', 'createdAt', 'updatedAt',
    ]);
    expect(fieldOrder('analytics')[0]).toBe('userId');
  });

  it('orders nested objects too', () => {
    expect(nestedFieldOrder('CategoryAssignment')).toEqual(['categoryId', 'confidence', 'status', 'isManual', 'assignedAt', 'confirmedAt', 'ruleId']);
    expect(nestedFieldOrder('DateRange')).toEqual(['startDate', 'endDate']);
    expect(nestedFieldOrder('FieldMapping')).toEqual(['sourceField', 'targetField', 'transformation']);
    expect(nestedFieldOrder('CategoryRule')[0]).toBe('ruleId');
  });

  it('names the nested object fields of each entity', () => {
    expect(Object.fromEntries(ENTITY_NAMES.map((entity) => [entity, nestedFieldTypes(entity)]))).toEqual({
      categories: { rules: 'CategoryRule' },
      file_maps: { mappings: 'FieldMapping' },
      accounts: {},
      transaction_files: { dateRange: 'DateRange' },
      transactions: { categories: 'CategoryAssignment' },
      analytics: {},
      user_preferences: {},
      recurring_charge_patterns: {},
      recurring_charge_predictions: { amountRange: 'AmountRange' },
      pattern_feedback: {},
    });
  });

  it('canonicalRecord reorders at every level, drops undefined and unknown keys', () => {
    const shuffled = {
      updatedAt: 2,
      rules: [{ autoSuggest: true, ruleId: 'rule_00000000', fieldToMatch: 'memo', condition: 'contains', value: '', caseSensitive: false, priority: 1, enabled: true, confidence: 1, allowMultipleMatches: true, bogus: 1 }],
      categoryId: 'cacacaca-0000-4000-8000-000000000001',
      icon: undefined,
      name: 'n',
      type: 'INCOME',
      inheritParentRules: true,
      ruleInheritanceMode: 'additive',
      createdAt: 1,
    } as unknown as Parameters<typeof canonicalRecord<'categories'>>[1];
    const ordered = canonicalRecord('categories', shuffled);
    expect(Object.keys(ordered)).toEqual(fieldOrder('categories').filter((k) => k in ordered));
    expect(Object.keys(ordered)).not.toContain('icon');
    expect(Object.keys(ordered.rules[0])).toEqual(nestedFieldOrder('CategoryRule').filter((k) => k in ordered.rules[0]));
    expect(ordered.rules[0]).not.toHaveProperty('bogus');
    expect(Object.keys(canonicalNested('DateRange', { endDate: 2, startDate: 1 }))).toEqual(['startDate', 'endDate']);
  });

  it('builders already produce canonical order', () => {
    const records = {
      accounts: buildAccount({ notes: 'n' }),
      transactions: buildTransaction(),
      categories: buildCategory(),
      file_maps: buildFileMap(),
      transaction_files: buildTransactionFile(),
      analytics: buildAnalytics(),
      user_preferences: buildUserPreferences(),
      recurring_charge_patterns: buildRecurringChargePattern(),
      recurring_charge_predictions: buildRecurringChargePrediction(),
      pattern_feedback: buildPatternFeedback(),
    } as const;
    for (const entity of ENTITY_NAMES) {
      const record = records[entity];
      expect(Object.keys(record)).toEqual(fieldOrder(entity).filter((k) => k in record));
    }
  });
});

describe('entityIdOf', () => {
  it('reads each entity ID field', () => {
    const account = buildAccount();
    expect(entityIdOf('accounts', account)).toBe(account.accountId);
    const transaction = buildTransaction();
    expect(entityIdOf('transactions', transaction)).toBe(transaction.transactionId);
    const category = buildCategory();
    expect(entityIdOf('categories', category)).toBe(category.categoryId);
    const fileMap = buildFileMap();
    expect(entityIdOf('file_maps', fileMap)).toBe(fileMap.fileMapId);
    const file = buildTransactionFile();
    expect(entityIdOf('transaction_files', file)).toBe(file.fileId);
    expect(entityIdOf('analytics', buildAnalytics({ timePeriod: '2024' }))).toBe('cash_flow#2024#ALL');
  });
});
