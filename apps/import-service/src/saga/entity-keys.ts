import { AttributeValue } from '@aws-sdk/client-dynamodb';
import { analyticsPartitionKey, analyticsSortKey, ENTITY_TABLE, TableNames } from '@housef3/data-model';
import { EntityName } from '@housef3/package-format';

const HASH: Record<Exclude<EntityName, 'analytics'>, string> = {
  accounts: 'accountId', transactions: 'transactionId', categories: 'categoryId', file_maps: 'fileMapId', transaction_files: 'fileId',
};

export function entityTable(entity: EntityName): keyof TableNames {
  return ENTITY_TABLE[entity];
}

/** The table key of an entity id (analytics ids are `${analyticType}#${timePeriod}#${accountId|ALL}`, per user). */
export function keyOfId(entity: EntityName, id: string, userId: string): Record<string, AttributeValue> {
  if (entity === 'analytics') {
    const [analyticType, timePeriod, account] = id.split('#');
    return { pk: { S: analyticsPartitionKey(userId, analyticType) }, sk: { S: analyticsSortKey(timePeriod, account === 'ALL' ? undefined : account) } };
  }
  return { [HASH[entity]]: { S: id } };
}

/** The key attributes of a stored item. */
export function keyOfItem(entity: EntityName, item: Record<string, AttributeValue>): Record<string, AttributeValue> {
  return entity === 'analytics' ? { pk: item.pk, sk: item.sk } : { [HASH[entity]]: item[HASH[entity]] };
}

export function hashKeyName(entity: EntityName): string {
  return entity === 'analytics' ? 'pk' : HASH[entity];
}
