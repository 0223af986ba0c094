import { userId } from './common-fields';
import { decimal, integer, timestampMs, uuid } from './field-kinds';
import { ObjectSpec, object, optional, required } from './object-spec';

/** The expected amount range of a prediction ({"min", "max"}, decimals stored as N). */
export interface AmountRange {
  min: string;
  max: string;
}

/**
 * The next expected occurrence of a recurring charge (HouseF3 `recurring-charge-predictions`,
 * keyed by userId and patternId: one per pattern). patternId is its identity and a reference
 * to recurring_charge_patterns.
 */
export interface RecurringChargePrediction {
  patternId: string;
  /** Source owner as found in the package, if any; import always replaces it. */
  userId?: string;
  nextExpectedDate: number;
  expectedAmount: string;
  confidence: string;
  daysUntilDue: number;
  amountRange: AmountRange;
}

export const AMOUNT_RANGE_SPEC: ObjectSpec<AmountRange> = {
  typeName: 'AmountRange',
  fields: { min: required(decimal()), max: required(decimal()) },
};

export const RECURRING_CHARGE_PREDICTION_SPEC: ObjectSpec<RecurringChargePrediction> = {
  typeName: 'RecurringChargePrediction',
  fields: {
    patternId: required(uuid()),
    userId: optional(userId()),
    nextExpectedDate: required(timestampMs()),
    expectedAmount: required(decimal()),
    confidence: required(decimal({ nonNegative: true })),
    daysUntilDue: required(integer(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)),
    amountRange: required(object(AMOUNT_RANGE_SPEC)),
  },
};
