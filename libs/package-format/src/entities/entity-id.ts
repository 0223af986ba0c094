import type { AnalyticsRecord } from './analytics.schema';
import type { EntityName } from './entity-name';
import type { EntityRecordOf } from './entity-records';
import { isPlainObject } from './object-spec';

/**
 * The field holding each entity's ID; analytics items are keyed by analyticType, timePeriod and
 * accountId; user preferences by their owner alone (one record per user, id USER_PREFERENCES_ID).
 */
export const ENTITY_ID_FIELDS = {
  accounts: 'accountId',
  transactions: 'transactionId',
  categories: 'categoryId',
  file_maps: 'fileMapId',
  transaction_files: 'fileId',
  analytics: undefined,
  user_preferences: undefined,
  recurring_charge_patterns: 'patternId',
  recurring_charge_predictions: 'patternId',
  pattern_feedback: 'feedbackId',
} as const satisfies { readonly [E in EntityName]: string | undefined };

/** The key of an analytics item within one user: `${analyticType}#${timePeriod}#${accountId ?? 'ALL'}`. */
/** The identity of a user's one preferences record within its entity. */
export const USER_PREFERENCES_ID = 'preferences';

export function analyticsKey(record: Pick<AnalyticsRecord, 'analyticType' | 'timePeriod' | 'accountId'>): string {
  return `${record.analyticType}#${record.timePeriod}#${record.accountId ?? 'ALL'}`;
}

/**
 * A record's identity within its entity: accountId, transactionId, categoryId, fileMapId, fileId,
 * or for analytics `${analyticType}#${timePeriod}#${accountId ?? 'ALL'}`.
 */
export function entityIdOf<E extends EntityName>(entity: E, record: EntityRecordOf<E>): string {
  const idField = ENTITY_ID_FIELDS[entity];
  if (entity === 'user_preferences') return USER_PREFERENCES_ID;
  if (idField === undefined) return analyticsKey(record as AnalyticsRecord);
  return (record as unknown as Record<string, string>)[idField];
}

const MAX_SHOWN_ID = 60;

function shown(value: string): string {
  return value.length <= MAX_SHOWN_ID ? value : `${value.slice(0, MAX_SHOWN_ID)}…`;
}

/** Best-effort ID of a raw, unvalidated record, for messages (truncated); undefined when unreadable. */
export function rawEntityIdOf(entity: EntityName, raw: unknown): string | undefined {
  if (!isPlainObject(raw)) return undefined;
  const idField = ENTITY_ID_FIELDS[entity];
  if (entity === 'user_preferences') return USER_PREFERENCES_ID;
  if (idField !== undefined) {
    const id = raw[idField];
    return typeof id === 'string' && id.length > 0 ? shown(id) : undefined;
  }
  const { analyticType, timePeriod, accountId } = raw;
  if (typeof analyticType !== 'string' || typeof timePeriod !== 'string') return undefined;
  return shown(`${analyticType}#${timePeriod}#${typeof accountId === 'string' ? accountId : 'ALL'}`);
}

/** How an entity's identity is named in messages: "transactionId", or "key" for analytics. */
export function entityIdLabel(entity: EntityName): string {
  return ENTITY_ID_FIELDS[entity] ?? (entity === 'user_preferences' ? 'userId' : 'key');
}
