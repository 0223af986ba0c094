import type { EntityName, EntityRecordOf, EntityRecords } from '@housef3/package-format';

/** One reference of a record to another record of the package. */
export interface Reference {
  /** Path of the referencing field in the record: `accountId`, `categories[2].categoryId`. */
  readonly field: string;
  readonly target: EntityName;
  readonly id: string;
}

type Collect<E extends EntityName> = (record: EntityRecords[E], add: (field: string, target: EntityName, id: string | undefined) => void) => void;

/**
 * Every reference housef3-data-model.md lists ("References that a restore must keep
 * consistent"), per entity, the 1.2 entities' included. userId is not in the package. Rule IDs of
 * assignments are checked apart (a missing rule is a warning, not a broken restore).
 */
const COLLECTORS: { [E in EntityName]: Collect<E> } = {
  categories: (category, add) => add('parentCategoryId', 'categories', category.parentCategoryId),
  file_maps: (fileMap, add) => add('accountId', 'accounts', fileMap.accountId),
  accounts: (account, add) => add('defaultFileMapId', 'file_maps', account.defaultFileMapId),
  transaction_files: (file, add) => {
    add('accountId', 'accounts', file.accountId);
    add('fileMapId', 'file_maps', file.fileMapId);
  },
  transactions: (transaction, add) => {
    add('accountId', 'accounts', transaction.accountId);
    add('fileId', 'transaction_files', transaction.fileId);
    add('primaryCategoryId', 'categories', transaction.primaryCategoryId);
    transaction.categories.forEach((assignment, i) => add(`categories[${i}].categoryId`, 'categories', assignment.categoryId));
  },
  analytics: (record, add) => add('accountId', 'accounts', record.accountId),
  user_preferences: () => undefined,
  recurring_charge_patterns: (pattern, add) => {
    add('suggestedCategoryId', 'categories', pattern.suggestedCategoryId);
    (pattern.matchedTransactionIds ?? []).forEach((id, i) => add(`matchedTransactionIds[${i}]`, 'transactions', id));
  },
  recurring_charge_predictions: (prediction, add) => add('patternId', 'recurring_charge_patterns', prediction.patternId),
  pattern_feedback: (feedback, add) => {
    add('patternId', 'recurring_charge_patterns', feedback.patternId);
    add('transactionId', 'transactions', feedback.transactionId);
  },
};

/** The references a validated record makes (unset optional ones are not references). */
export function referencesOf<E extends EntityName>(entity: E, record: EntityRecordOf<E>): Reference[] {
  const references: Reference[] = [];
  (COLLECTORS[entity] as Collect<E>)(record, (field, target, id) => {
    if (id !== undefined) references.push({ field, target, id });
  });
  return references;
}
