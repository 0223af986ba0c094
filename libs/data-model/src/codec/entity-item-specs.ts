import type {
  Account,
  AmountRange,
  AnalyticsRecord,
  Category,
  CategoryAssignment,
  CategoryRule,
  DateRange,
  EntityName,
  EntityRecordOf,
  FieldMapping,
  FileMap,
  PatternFeedback,
  RecurringChargePattern,
  RecurringChargePrediction,
  Transaction,
  TransactionFile,
  UserPreferences,
} from '@housef3/package-format';
import {
  FieldItemSpecs,
  ObjectItemSpec,
  boolean,
  decimalList,
  decimalN,
  decimalS,
  integer,
  json,
  list,
  object,
  optional,
  required,
  stringBoolean,
  text,
  textList,
  uint64,
} from './field-codec';

/*
 * How HouseF3 stores each field of the package entities (housef3-data-model.md): the
 * DynamoDB type of every attribute, quirks included. Key order is the package's canonical order.
 */

interface TypedItemSpec<T> extends ObjectItemSpec {
  readonly fields: FieldItemSpecs<T>;
}

const spec = <T>(typeName: string, fields: FieldItemSpecs<T>): TypedItemSpec<T> => ({ typeName, fields });

export const CATEGORY_ASSIGNMENT_ITEM = spec<CategoryAssignment>('CategoryAssignment', {
  categoryId: required(text()),
  confidence: required(integer()),
  status: required(text()),
  isManual: required(boolean()),
  assignedAt: required(integer()),
  confirmedAt: optional(integer()),
  ruleId: optional(text()),
});

export const CATEGORY_RULE_ITEM = spec<CategoryRule>('CategoryRule', {
  ruleId: required(text()),
  fieldToMatch: required(text()),
  condition: required(text()),
  value: required(text()),
  caseSensitive: required(boolean()),
  priority: required(integer()),
  enabled: required(boolean()),
  confidence: required(integer()),
  amountMin: optional(decimalS()),
  amountMax: optional(decimalS()),
  allowMultipleMatches: required(boolean()),
  autoSuggest: required(boolean()),
});

export const FIELD_MAPPING_ITEM = spec<FieldMapping>('FieldMapping', {
  sourceField: required(text()),
  targetField: required(text()),
  transformation: optional(text()),
});

export const DATE_RANGE_ITEM = spec<DateRange>('DateRange', {
  startDate: required(integer()),
  endDate: required(integer()),
});

export const ACCOUNT_ITEM = spec<Account>('Account', {
  accountId: required(text()),
  accountName: required(text()),
  accountType: required(text()),
  institution: optional(text()),
  balance: optional(decimalS()),
  currency: optional(text()),
  notes: optional(text()),
  isActive: required(boolean()),
  defaultFileMapId: optional(text()),
  firstTransactionDate: optional(integer()),
  lastTransactionDate: optional(integer()),
  importsStartDate: optional(integer()),
  importsEndDate: optional(integer()),
  createdAt: required(integer()),
  updatedAt: required(integer()),
});

export const TRANSACTION_ITEM = spec<Transaction>('Transaction', {
  transactionId: required(text()),
  accountId: required(text()),
  fileId: required(text()),
  date: required(integer()),
  description: required(text()),
  amount: required(decimalN()),
  currency: required(text()),
  balance: optional(decimalN()),
  importOrder: optional(integer()),
  transactionType: optional(text()),
  memo: optional(text()),
  checkNumber: optional(text()),
  fitId: optional(text()),
  status: required(text()),
  statusDate: required(text()),
  transactionHash: required(uint64()),
  categories: required(list(CATEGORY_ASSIGNMENT_ITEM)),
  primaryCategoryId: optional(text()),
  createdAt: required(integer()),
  updatedAt: required(integer()),
});

export const CATEGORY_ITEM = spec<Category>('Category', {
  categoryId: required(text()),
  name: required(text()),
  type: required(text()),
  parentCategoryId: optional(text()),
  icon: optional(text()),
  color: optional(text()),
  inheritParentRules: required(boolean()),
  ruleInheritanceMode: required(text()),
  rules: required(list(CATEGORY_RULE_ITEM)),
  createdAt: required(integer()),
  updatedAt: required(integer()),
});

export const FILE_MAP_ITEM = spec<FileMap>('FileMap', {
  fileMapId: required(text()),
  name: required(text()),
  mappings: required(list(FIELD_MAPPING_ITEM)),
  accountId: optional(text()),
  description: optional(text()),
  reverseAmounts: required(boolean()),
  createdAt: required(integer()),
  updatedAt: required(integer()),
});

export const TRANSACTION_FILE_ITEM = spec<TransactionFile>('TransactionFile', {
  fileId: required(text()),
  fileName: required(text()),
  uploadDate: required(integer()),
  fileSize: required(integer()),
  s3Key: required(text()),
  processingStatus: required(text()),
  processedDate: optional(integer()),
  fileFormat: required(text()),
  accountId: optional(text()),
  fileMapId: optional(text()),
  recordCount: optional(integer()),
  dateRange: optional(object(DATE_RANGE_ITEM)),
  errorMessage: optional(text()),
  openingBalance: optional(decimalS()),
  closingBalance: optional(decimalN()),
  currency: optional(text()),
  duplicateCount: optional(integer()),
  transactionCount: optional(integer()),
  createdAt: required(integer()),
  updatedAt: required(integer()),
});

export const ANALYTICS_ITEM = spec<AnalyticsRecord>('AnalyticsRecord', {
  analyticType: required(text()),
  timePeriod: required(text()),
  accountId: optional(text()),
  data: required(json()),
  computedDate: required(text()),
  dataThroughDate: optional(text()),
  ttl: optional(integer()),
});

export const USER_PREFERENCES_ITEM = spec<UserPreferences>('UserPreferences', {
  preferences: required(json()),
  createdAt: required(integer()),
  updatedAt: required(integer()),
});

/** Decimals as N (boto3 Decimal); the three flags as "true"/"false" text (HouseF3 uses `active` as a GSI key). */
export const RECURRING_CHARGE_PATTERN_ITEM = spec<RecurringChargePattern>('RecurringChargePattern', {
  patternId: required(text()),
  merchantPattern: required(text()),
  frequency: required(text()),
  temporalPatternType: required(text()),
  dayOfWeek: optional(integer()),
  dayOfMonth: optional(integer()),
  toleranceDays: required(integer()),
  amountMean: required(decimalN()),
  amountStd: required(decimalN()),
  amountMin: required(decimalN()),
  amountMax: required(decimalN()),
  amountTolerancePct: required(decimalN()),
  confidenceScore: required(decimalN()),
  transactionCount: required(integer()),
  firstOccurrence: required(integer()),
  lastOccurrence: required(integer()),
  featureVector: optional(decimalList()),
  clusterId: optional(integer()),
  suggestedCategoryId: optional(text()),
  autoCategorize: required(stringBoolean()),
  matchedTransactionIds: optional(textList()),
  status: required(text()),
  criteriaValidated: required(stringBoolean()),
  criteriaValidationErrors: optional(textList()),
  reviewedBy: optional(text()),
  reviewedAt: optional(integer()),
  active: required(stringBoolean()),
  createdAt: required(integer()),
  updatedAt: required(integer()),
});

export const AMOUNT_RANGE_ITEM = spec<AmountRange>('AmountRange', {
  min: required(decimalN()),
  max: required(decimalN()),
});

export const RECURRING_CHARGE_PREDICTION_ITEM = spec<RecurringChargePrediction>('RecurringChargePrediction', {
  patternId: required(text()),
  nextExpectedDate: required(integer()),
  expectedAmount: required(decimalN()),
  confidence: required(decimalN()),
  daysUntilDue: required(integer()),
  amountRange: required(object(AMOUNT_RANGE_ITEM)),
});

export const PATTERN_FEEDBACK_ITEM = spec<PatternFeedback>('PatternFeedback', {
  feedbackId: required(text()),
  patternId: required(text()),
  feedbackType: required(text()),
  userCorrection: optional(json()),
  transactionId: optional(text()),
  timestamp: required(integer()),
});

/** The item spec of each entity. */
export const ENTITY_ITEM_SPECS: { readonly [E in EntityName]: TypedItemSpec<EntityRecordOf<E>> } = {
  accounts: ACCOUNT_ITEM,
  transactions: TRANSACTION_ITEM,
  categories: CATEGORY_ITEM,
  file_maps: FILE_MAP_ITEM,
  transaction_files: TRANSACTION_FILE_ITEM,
  analytics: ANALYTICS_ITEM,
  user_preferences: USER_PREFERENCES_ITEM,
  recurring_charge_patterns: RECURRING_CHARGE_PATTERN_ITEM,
  recurring_charge_predictions: RECURRING_CHARGE_PREDICTION_ITEM,
  pattern_feedback: PATTERN_FEEDBACK_ITEM,
};

/** The owner attribute every item carries (a GSI hash key); never part of a package record. */
export const USER_ID_ATTRIBUTE = 'userId';

/** Attributes of analytics-data items that only the table needs: its key, derived from the record. */
export const ANALYTICS_KEY_ATTRIBUTES = ['pk', 'sk'] as const;
