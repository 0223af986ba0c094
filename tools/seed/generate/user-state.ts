import type { PatternFeedback, RecurringChargePattern, RecurringChargePrediction, UserPreferences } from '@housef3/package-format';
import { canonicalRecord, JsonNumber } from '@housef3/package-format';
import { seedUuid } from './seed-ids';
import type { SeedPlan } from './seed-model';
import { transactionIdOf } from './transactions';

const DAY_MS = 86_400_000;

export interface UserStateRecords {
  preferences: UserPreferences[];
  patterns: RecurringChargePattern[];
  predictions: RecurringChargePrediction[];
  feedback: PatternFeedback[];
}

/**
 * The user's preferences (with a transfer-detection scan window), two recurring-charge patterns
 * (a confirmed one matching the first three transactions of the first statement with rows, with a
 * suggested category; a detected one with neither), the confirmed one's prediction and feedback on
 * both. Deterministic for a plan.
 */
export function userStateRecords(plan: SeedPlan): UserStateRecords {
  const at = Date.UTC(2024, 11, 31);
  const file = plan.files.find((f) => f.rows >= 3);
  const matched = file ? [0, 1, 2].map((row) => transactionIdOf(plan, file.index, row)) : [];
  const id = (kind: string, n: number) => seedUuid(plan.keys.ids, kind, n);
  const confirmed = canonicalRecord('recurring_charge_patterns', {
    patternId: id('pattern', 1), merchantPattern: 'NETFLIX.COM', frequency: 'monthly', temporalPatternType: 'day_of_month', dayOfMonth: 15, toleranceDays: 2,
    amountMean: '-15.99', amountStd: '0.00', amountMin: '-15.99', amountMax: '-15.99', amountTolerancePct: '10.0', confidenceScore: '0.93',
    transactionCount: matched.length, firstOccurrence: at - 60 * DAY_MS, lastOccurrence: at, featureVector: ['0.5', '-1.25', '0', '3.75'], clusterId: 2,
    suggestedCategoryId: plan.categories[0]?.categoryId, autoCategorize: true, matchedTransactionIds: matched.length ? matched : undefined, status: 'active',
    criteriaValidated: true, reviewedBy: plan.options.userId, reviewedAt: at, active: true, createdAt: at - 30 * DAY_MS, updatedAt: at,
  });
  const detected = canonicalRecord('recurring_charge_patterns', {
    patternId: id('pattern', 2), merchantPattern: 'PURE GYM', frequency: 'weekly', temporalPatternType: 'day_of_week', dayOfWeek: 1, toleranceDays: 1,
    amountMean: '-12.5', amountStd: '1.25', amountMin: '-14', amountMax: '-11', amountTolerancePct: '15', confidenceScore: '0.61',
    transactionCount: 9, firstOccurrence: at - 63 * DAY_MS, lastOccurrence: at - 7 * DAY_MS, autoCategorize: false, status: 'detected',
    criteriaValidated: false, criteriaValidationErrors: ['amount varies more than the tolerance'], active: false, createdAt: at, updatedAt: at,
  });
  return {
    preferences: [canonicalRecord('user_preferences', {
      preferences: {
        transfers: {
          defaultDateRangeDays: new JsonNumber('14'), lastUsedDateRanges: [new JsonNumber('7'), new JsonNumber('14'), new JsonNumber('30')], autoExpandSuggestion: true,
          checkedDateRangeStart: new JsonNumber(String(at - 180 * DAY_MS)), checkedDateRangeEnd: new JsonNumber(String(at)),
        },
        ui: { theme: 'dark', compactView: true, defaultPageSize: new JsonNumber('100') },
      },
      createdAt: at - 365 * DAY_MS, updatedAt: at,
    })],
    patterns: [confirmed, detected],
    predictions: [canonicalRecord('recurring_charge_predictions', {
      patternId: confirmed.patternId, nextExpectedDate: at + 15 * DAY_MS, expectedAmount: '-15.99', confidence: '0.88', daysUntilDue: 15, amountRange: { min: '-17.59', max: '-14.39' },
    })],
    feedback: [
      canonicalRecord('pattern_feedback', { feedbackId: id('feedback', 1), patternId: confirmed.patternId, feedbackType: 'correct', transactionId: matched[0], timestamp: at }),
      canonicalRecord('pattern_feedback', { feedbackId: id('feedback', 2), patternId: detected.patternId, feedbackType: 'false_positive', userCorrection: { reason: 'not a subscription' }, timestamp: at }),
    ],
  };
}
