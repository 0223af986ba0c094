import { AttributeValue } from '@aws-sdk/client-dynamodb';
import { analyticsPartitionKey, analyticsSortKey, ENTITY_TABLE, TableNames } from '@housef3/data-model';
import { EntityName } from '@housef3/package-format';

const HASH: Record<Exclude<EntityName, 'analytics' | UserKeyed>, string> = {
  accounts: 'accountId', transactions: 'transactionId', categories: 'categoryId', file_maps: 'fileMapId', transaction_files: 'fileId',
};

/** The 1.2 entities' tables are keyed by userId, then their own id (none for preferences: one per user). */
type UserKeyed = 'user_preferences' | 'recurring_charge_patterns' | 'recurring_charge_predictions' | 'pattern_feedback';
const USER_KEYED: { readonly [E in UserKeyed]: string | undefined } = {
  user_preferences: undefined, recurring_charge_patterns: 'patternId', recurring_charge_predictions: 'patternId', pattern_feedback: 'feedbackId',
};

function isUserKeyed(entity: EntityName): entity is UserKeyed {
  return entity in USER_KEYED;
}

export function entityTable(entity: EntityName): keyof TableNames {
  return ENTITY_TABLE[entity];
}

/** The table key of an entity id (analytics ids are `${analyticType}#${timePeriod}#${accountId|ALL}`, per user). */
export function keyOfId(entity: EntityName, id: string, userId: string): Record<string, AttributeValue> {
  if (entity === 'analytics') {
    const [analyticType, timePeriod, account] = id.split('#');
    return { pk: { S: analyticsPartitionKey(userId, analyticType) }, sk: { S: analyticsSortKey(timePeriod, account === 'ALL' ? undefined : account) } };
  }
  if (isUserKeyed(entity)) {
    const range = USER_KEYED[entity];
    return range === undefined ? { userId: { S: userId } } : { userId: { S: userId }, [range]: { S: id } };
  }
  return { [HASH[entity]]: { S: id } };
}

/** The key attributes of a stored item. */
export function keyOfItem(entity: EntityName, item: Record<string, AttributeValue>): Record<string, AttributeValue> {
  if (entity === 'analytics') return { pk: item.pk, sk: item.sk };
  if (isUserKeyed(entity)) {
    const range = USER_KEYED[entity];
    return range === undefined ? { userId: item.userId } : { userId: item.userId, [range]: item[range] };
  }
  return { [HASH[entity]]: item[HASH[entity]] };
}

export function hashKeyName(entity: EntityName): string {
  if (entity === 'analytics') return 'pk';
  return isUserKeyed(entity) ? 'userId' : HASH[entity];
}
