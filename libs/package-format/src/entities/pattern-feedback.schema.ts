import { userId } from './common-fields';
import { PATTERN_FEEDBACK_TYPES, PatternFeedbackType } from './enums';
import { enumOf, timestampMs, uuid } from './field-kinds';
import { PackageJsonObject, jsonObject } from './json-value';
import { ObjectSpec, optional, required } from './object-spec';

/**
 * The user's feedback on a recurring-charge pattern (HouseF3 `pattern-feedback`, keyed by userId
 * and feedbackId). References: patternId -> recurring_charge_patterns, transactionId -> transactions.
 */
export interface PatternFeedback {
  feedbackId: string;
  /** Source owner as found in the package, if any; import always replaces it. */
  userId?: string;
  patternId: string;
  feedbackType: PatternFeedbackType;
  /** What the user changed: HouseF3's free map. */
  userCorrection?: PackageJsonObject;
  transactionId?: string;
  timestamp: number;
}

export const PATTERN_FEEDBACK_SPEC: ObjectSpec<PatternFeedback> = {
  typeName: 'PatternFeedback',
  fields: {
    feedbackId: required(uuid()),
    userId: optional(userId()),
    patternId: required(uuid()),
    feedbackType: required(enumOf(PATTERN_FEEDBACK_TYPES)),
    userCorrection: optional(jsonObject()),
    transactionId: optional(uuid()),
    timestamp: required(timestampMs()),
  },
};
