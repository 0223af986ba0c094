import { AttributeValue, DynamoDBClient, paginateQuery } from '@aws-sdk/client-dynamodb';
import { ENTITY_TABLE, fromItem, isKeyedByUser, tableNames } from '@housef3/data-model';
import { canonicalJson, EntityName, entityIdOf, recordKeyOrder, validateRecord } from '@housef3/package-format';
import { stackEnv } from './stack-env';

export function testDynamo(): DynamoDBClient {
  const env = stackEnv();
  return new DynamoDBClient({ region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY } });
}

/**
 * What DynamoDB holds for a user, entity by entity, as canonical package JSON keyed by entity id:
 * the yardstick an export is compared with (decoded exactly as HouseF3 stores it).
 */
export async function userRecords(client: DynamoDBClient, userId: string, entity: EntityName, prefix = stackEnv().TABLE_PREFIX): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const index = isKeyedByUser(entity) ? undefined : entity === 'analytics' ? 'UserAnalyticsIndex' : 'UserIdIndex';
  for await (const page of paginateQuery({ client }, {
    TableName: tableNames(prefix)[ENTITY_TABLE[entity]], IndexName: index, KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': { S: userId } },
  })) {
    for (const item of page.Items ?? []) {
      const { record } = validateRecord(entity, fromItem(entity, item as Record<string, AttributeValue>).raw);
      if (!record) throw new Error(`stored ${entity} item does not validate: ${JSON.stringify(item).slice(0, 300)}`);
      out.set(entityIdOf(entity, record), canonicalJson(record, recordKeyOrder(entity)));
    }
  }
  return out;
}
