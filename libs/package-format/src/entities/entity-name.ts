/** The entity files of a package: `data/<name>.json`. */
export type EntityName = 'accounts' | 'transactions' | 'categories' | 'file_maps' | 'transaction_files' | 'analytics';

/**
 * Every entity, in restore order: a record is written after the records it references.
 * categories (parents first within the file) -> file_maps -> accounts -> transaction_files ->
 * transactions -> analytics. The one cycle (account.defaultFileMapId <-> fileMap.accountId) is
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
] as const);

/** True when `value` names an entity file. */
export function isEntityName(value: unknown): value is EntityName {
  return typeof value === 'string' && (ENTITY_NAMES as readonly string[]).includes(value);
}
