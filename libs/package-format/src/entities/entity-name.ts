/** The entity files of a package: `data/<name>.json`. */
export type EntityName =
  | 'accounts'
  | 'transactions'
  | 'categories'
  | 'file_maps'
  | 'transaction_files'
  | 'analytics'
  | 'user_preferences'
  | 'recurring_charge_patterns'
  | 'recurring_charge_predictions'
  | 'pattern_feedback';

/** The entities added by format 1.2; optional entries of a package (a 1.1 reader does not know them). */
export const ENTITIES_SINCE_1_2 = ['user_preferences', 'recurring_charge_patterns', 'recurring_charge_predictions', 'pattern_feedback'] as const;
export type EntityName1_2 = (typeof ENTITIES_SINCE_1_2)[number];

/**
 * Every entity, in restore order: a record is written after the records it references.
 * categories (parents first within the file) -> file_maps -> accounts -> transaction_files ->
 * transactions -> analytics -> user_preferences -> recurring_charge_patterns (they reference
 * transactions and categories) -> recurring_charge_predictions and pattern_feedback (they reference
 * patterns). The one cycle (account.defaultFileMapId <-> fileMap.accountId) is
 * harmless because DynamoDB has no foreign keys: references are checked before anything is written.
 * Export may use the same order.
 */
export const ENTITY_NAMES: readonly EntityName[] = Object.freeze([
  'categories',
  'file_maps',
  'accounts',
  'transaction_files',
  'transactions',
  'analytics',
  ...ENTITIES_SINCE_1_2,
] as const);

/** True when `value` names an entity file. */
export function isEntityName(value: unknown): value is EntityName {
  return typeof value === 'string' && (ENTITY_NAMES as readonly string[]).includes(value);
}
