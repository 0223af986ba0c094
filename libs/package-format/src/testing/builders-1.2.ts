import { randomUUID } from 'node:crypto';

import { canonicalRecord } from '../entities/field-order';
import type { PatternFeedback } from '../entities/pattern-feedback.schema';
import type { RecurringChargePattern } from '../entities/recurring-charge-pattern.schema';
import type { RecurringChargePrediction } from '../entities/recurring-charge-prediction.schema';
import type { UserPreferences } from '../entities/user-preferences.schema';
import { JsonNumber } from '../json/json-number';
import { BUILDER_EPOCH_MS } from './builders';

/*
 * Builders of the format 1.2 entities, as HouseF3 stores them. References (matched transactions,
 * suggested category, pattern of a prediction or feedback) are left out or fresh unless given.
 */

const DAY_MS = 86_400_000;

export function buildUserPreferences(overrides: Partial<UserPreferences> = {}): UserPreferences {
  return canonicalRecord('user_preferences', {
    preferences: {
      transfers: {
        defaultDateRangeDays: new JsonNumber('7'),
        lastUsedDateRanges: [new JsonNumber('7'), new JsonNumber('14'), new JsonNumber('30')],
        autoExpandSuggestion: true,
        checkedDateRangeStart: new JsonNumber(String(BUILDER_EPOCH_MS - 90 * DAY_MS)),
        checkedDateRangeEnd: new JsonNumber(String(BUILDER_EPOCH_MS)),
      },
      ui: { theme: 'dark', compactView: false, defaultPageSize: new JsonNumber('50') },
    },
    createdAt: BUILDER_EPOCH_MS,
    updatedAt: BUILDER_EPOCH_MS,
    ...overrides,
  });
}

export function buildRecurringChargePattern(overrides: Partial<RecurringChargePattern> = {}): RecurringChargePattern {
  return canonicalRecord('recurring_charge_patterns', {
    patternId: randomUUID(),
    merchantPattern: 'NETFLIX',
    frequency: 'monthly',
    temporalPatternType: 'day_of_month',
    dayOfMonth: 15,
    toleranceDays: 2,
    amountMean: '-15.99',
    amountStd: '0.00',
    amountMin: '-15.99',
    amountMax: '-15.99',
    amountTolerancePct: '10.0',
    confidenceScore: '0.92',
    transactionCount: 6,
    firstOccurrence: BUILDER_EPOCH_MS - 150 * DAY_MS,
    lastOccurrence: BUILDER_EPOCH_MS,
    featureVector: ['0.5', '-1.25', '0'],
    clusterId: 3,
    autoCategorize: false,
    status: 'confirmed',
    criteriaValidated: true,
    active: true,
    reviewedBy: 'user',
    reviewedAt: BUILDER_EPOCH_MS,
    createdAt: BUILDER_EPOCH_MS,
    updatedAt: BUILDER_EPOCH_MS,
    ...overrides,
  });
}

export function buildRecurringChargePrediction(overrides: Partial<RecurringChargePrediction> = {}): RecurringChargePrediction {
  return canonicalRecord('recurring_charge_predictions', {
    patternId: randomUUID(),
    nextExpectedDate: BUILDER_EPOCH_MS + 14 * DAY_MS,
    expectedAmount: '-15.99',
    confidence: '0.85',
    daysUntilDue: 14,
    amountRange: { min: '-17.59', max: '-14.39' },
    ...overrides,
  });
}

export function buildPatternFeedback(overrides: Partial<PatternFeedback> = {}): PatternFeedback {
  return canonicalRecord('pattern_feedback', {
    feedbackId: randomUUID(),
    patternId: randomUUID(),
    feedbackType: 'correct',
    userCorrection: { note: 'yes, this is my subscription' },
    timestamp: BUILDER_EPOCH_MS,
    ...overrides,
  });
}
