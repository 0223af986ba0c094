import { ACCOUNT_SPEC } from './account.schema';
import { ANALYTICS_SPEC } from './analytics.schema';
import { CATEGORY_RULE_SPEC, CATEGORY_SPEC, CategoryRule } from './category.schema';
import type { EntityName } from './entity-name';
import type { EntityRecordOf } from './entity-records';
import { FIELD_MAPPING_SPEC, FILE_MAP_SPEC, FieldMapping } from './file-map.schema';
import { DATE_RANGE_SPEC, DateRange, TRANSACTION_FILE_SPEC } from './transaction-file.schema';
import { CATEGORY_ASSIGNMENT_SPEC, CategoryAssignment, TRANSACTION_SPEC } from './transaction.schema';
import type { ObjectSpec } from './object-spec';
import { PATTERN_FEEDBACK_SPEC } from './pattern-feedback.schema';
import { RECURRING_CHARGE_PATTERN_SPEC } from './recurring-charge-pattern.schema';
import { AMOUNT_RANGE_SPEC, AmountRange, RECURRING_CHARGE_PREDICTION_SPEC } from './recurring-charge-prediction.schema';
import { USER_PREFERENCES_SPEC } from './user-preferences.schema';

/** The spec of each entity's records. */
export const ENTITY_SPECS: { readonly [E in EntityName]: ObjectSpec<EntityRecordOf<E>> } = {
  accounts: ACCOUNT_SPEC,
  transactions: TRANSACTION_SPEC,
  categories: CATEGORY_SPEC,
  file_maps: FILE_MAP_SPEC,
  transaction_files: TRANSACTION_FILE_SPEC,
  analytics: ANALYTICS_SPEC,
  user_preferences: USER_PREFERENCES_SPEC,
  recurring_charge_patterns: RECURRING_CHARGE_PATTERN_SPEC,
  recurring_charge_predictions: RECURRING_CHARGE_PREDICTION_SPEC,
  pattern_feedback: PATTERN_FEEDBACK_SPEC,
};

/** Objects nested inside records, by type name. */
export interface NestedRecords {
  CategoryAssignment: CategoryAssignment;
  CategoryRule: CategoryRule;
  FieldMapping: FieldMapping;
  DateRange: DateRange;
  AmountRange: AmountRange;
}
export type NestedTypeName = keyof NestedRecords;

export const NESTED_SPECS: { readonly [N in NestedTypeName]: ObjectSpec<NestedRecords[N]> } = {
  CategoryAssignment: CATEGORY_ASSIGNMENT_SPEC,
  CategoryRule: CATEGORY_RULE_SPEC,
  FieldMapping: FIELD_MAPPING_SPEC,
  DateRange: DATE_RANGE_SPEC,
  AmountRange: AMOUNT_RANGE_SPEC,
};
