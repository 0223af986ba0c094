import { userId } from './common-fields';
import { PATTERN_STATUSES, PatternStatus, RECURRENCE_FREQUENCIES, RecurrenceFrequency, TEMPORAL_PATTERN_TYPES, TemporalPatternType } from './enums';
import { boolean, decimal, enumOf, integer, text, timestampMs, uuid } from './field-kinds';
import { ObjectSpec, list, optional, required, withDefault } from './object-spec';

/**
 * A detected or confirmed recurring charge (HouseF3 `recurring-charge-patterns`, keyed by
 * userId and patternId). Decimals travel as strings and are stored as N; the three booleans are
 * stored as the strings "true"/"false" because HouseF3 uses `active` as a GSI key.
 * References: matchedTransactionIds -> transactions, suggestedCategoryId -> categories.
 */
export interface RecurringChargePattern {
  patternId: string;
  /** Source owner as found in the package, if any; import always replaces it. */
  userId?: string;
  merchantPattern: string;
  frequency: RecurrenceFrequency;
  temporalPatternType: TemporalPatternType;
  dayOfWeek?: number;
  dayOfMonth?: number;
  toleranceDays: number;
  amountMean: string;
  amountStd: string;
  amountMin: string;
  amountMax: string;
  amountTolerancePct: string;
  confidenceScore: string;
  transactionCount: number;
  firstOccurrence: number;
  lastOccurrence: number;
  featureVector?: string[];
  clusterId?: number;
  suggestedCategoryId?: string;
  autoCategorize: boolean;
  matchedTransactionIds?: string[];
  status: PatternStatus;
  criteriaValidated: boolean;
  criteriaValidationErrors?: string[];
  reviewedBy?: string;
  reviewedAt?: number;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

const WHOLE = Number.MAX_SAFE_INTEGER;

export const RECURRING_CHARGE_PATTERN_SPEC: ObjectSpec<RecurringChargePattern> = {
  typeName: 'RecurringChargePattern',
  fields: {
    patternId: required(uuid()),
    userId: optional(userId()),
    merchantPattern: required(text({ minLength: 1 })),
    frequency: required(enumOf(RECURRENCE_FREQUENCIES)),
    temporalPatternType: required(enumOf(TEMPORAL_PATTERN_TYPES)),
    dayOfWeek: optional(integer(0, 6)),
    dayOfMonth: optional(integer(1, 31)),
    toleranceDays: withDefault(integer(0, WHOLE), 2),
    amountMean: required(decimal()),
    amountStd: required(decimal()),
    amountMin: required(decimal()),
    amountMax: required(decimal()),
    amountTolerancePct: withDefault(decimal({ nonNegative: true }), '10.0'),
    confidenceScore: required(decimal({ nonNegative: true })),
    transactionCount: required(integer(0, WHOLE)),
    firstOccurrence: required(timestampMs()),
    lastOccurrence: required(timestampMs()),
    featureVector: optional(list(decimal())),
    clusterId: optional(integer(-WHOLE, WHOLE)),
    suggestedCategoryId: optional(uuid()),
    autoCategorize: withDefault(boolean(), false),
    matchedTransactionIds: optional(list(uuid())),
    status: withDefault(enumOf(PATTERN_STATUSES), 'detected'),
    criteriaValidated: withDefault(boolean(), false),
    criteriaValidationErrors: optional(list(text())),
    reviewedBy: optional(text({ maxLength: 200 })),
    reviewedAt: optional(timestampMs()),
    active: withDefault(boolean(), false),
    createdAt: required(timestampMs()),
    updatedAt: required(timestampMs()),
  },
};
