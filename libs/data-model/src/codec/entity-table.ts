import type { EntityName } from '@housef3/package-format';
import type { TableNames } from '../table-catalog';

/** The table of each package entity (a key of tableNames()). */
export const ENTITY_TABLE: Readonly<Record<EntityName, keyof TableNames>> = {
  accounts: 'accounts', transactions: 'transactions', categories: 'categories', file_maps: 'fileMaps', transaction_files: 'transactionFiles', analytics: 'analyticsData',
  user_preferences: 'userPreferences', recurring_charge_patterns: 'recurringChargePatterns', recurring_charge_predictions: 'recurringChargePredictions',
  pattern_feedback: 'patternFeedback',
};

/** Entities whose table's partition key is the owner's userId (the format 1.2 entities): read with a Query on the table itself. */
export function isKeyedByUser(entity: EntityName): boolean {
  return entity === 'user_preferences' || entity === 'recurring_charge_patterns' || entity === 'recurring_charge_predictions' || entity === 'pattern_feedback';
}
