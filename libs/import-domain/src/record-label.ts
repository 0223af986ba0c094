import { ENTITY_ID_FIELDS, type EntityName } from '@housef3/package-format';

const SINGULAR: Record<EntityName, string> = {
  accounts: 'account',
  transactions: 'transaction',
  categories: 'category',
  file_maps: 'file map',
  transaction_files: 'transaction file',
  analytics: 'analytics record',
  user_preferences: 'user preferences record',
  recurring_charge_patterns: 'recurring-charge pattern',
  recurring_charge_predictions: 'recurring-charge prediction',
  pattern_feedback: 'pattern feedback',
};

/** "account", "transaction file", ... for messages. */
export function singular(entity: EntityName): string {
  return SINGULAR[entity];
}

/** The field holding a record's ID ('key' for analytics, whose identity is analyticType#timePeriod#accountId). */
export function idField(entity: EntityName): string {
  return ENTITY_ID_FIELDS[entity] ?? (entity === 'user_preferences' ? 'userId' : 'key');
}

/**
 * Where a message is about, in the package library's style: `transactions[17].accountId
 * (transactionId 0b9e…)`; without a field, the record itself.
 */
export function recordLabel(entity: EntityName, index: number, id: string | undefined, field = ''): string {
  const path = `${entity}[${index}]${field === '' ? '' : field.startsWith('[') ? field : `.${field}`}`;
  return id === undefined ? path : `${path} (${idField(entity)} ${id})`;
}

/** A list of IDs for a message, cut after `max`. */
export const ID_LIST_MAX = 6;

/** `ids` joined by arrows, the first `max` of them when longer; `total`: the length of the whole list when `ids` is only its start. */
export function idList(ids: readonly string[], max = ID_LIST_MAX, total = ids.length): string {
  return total <= max ? ids.slice(0, total).join(' -> ') : `${ids.slice(0, max).join(' -> ')} -> … (${total} categories)`;
}
