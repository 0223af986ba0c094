import type { Account } from './account.schema';
import type { AnalyticsRecord } from './analytics.schema';
import type { Category } from './category.schema';
import type { EntityName } from './entity-name';
import type { FileMap } from './file-map.schema';
import type { PatternFeedback } from './pattern-feedback.schema';
import type { RecurringChargePattern } from './recurring-charge-pattern.schema';
import type { RecurringChargePrediction } from './recurring-charge-prediction.schema';
import type { UserPreferences } from './user-preferences.schema';
import type { TransactionFile } from './transaction-file.schema';
import type { Transaction } from './transaction.schema';

/** The record type of each entity file. */
export interface EntityRecords {
  accounts: Account;
  transactions: Transaction;
  categories: Category;
  file_maps: FileMap;
  transaction_files: TransactionFile;
  analytics: AnalyticsRecord;
  user_preferences: UserPreferences;
  recurring_charge_patterns: RecurringChargePattern;
  recurring_charge_predictions: RecurringChargePrediction;
  pattern_feedback: PatternFeedback;
}

/** accounts -> Account, transactions -> Transaction, ... */
export type EntityRecordOf<E extends EntityName> = EntityRecords[E];

/** Any validated record. */
export type AnyEntityRecord = EntityRecords[EntityName];

/** A whole user's data, one list per entity (what a package holds). */
export type EntityDataset = { [E in EntityName]: EntityRecordOf<E>[] };

/** A dataset with every list empty. */
export function emptyDataset(): EntityDataset {
  return {
    categories: [], file_maps: [], accounts: [], transaction_files: [], transactions: [], analytics: [],
    user_preferences: [], recurring_charge_patterns: [], recurring_charge_predictions: [], pattern_feedback: [],
  };
}
