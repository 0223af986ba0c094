import { AttributeValue, paginateQuery } from '@aws-sdk/client-dynamodb';
import { DeleteObjectsCommand, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { ENTITY_TABLES, TableNames } from '@housef3/data-model';
import { batchDeleteAll } from '@housef3/platform';
import type { SeedClients, SeedNames } from './seed-target';

/** The six package entities' tables, their owner index and key attributes. */
const USER_TABLES: readonly { table: keyof TableNames; index: string }[] = [
  { table: 'accounts', index: 'UserIdIndex' },
  { table: 'transactions', index: 'UserIdIndex' },
  { table: 'categories', index: 'UserIdIndex' },
  { table: 'fileMaps', index: 'UserIdIndex' },
  { table: 'transactionFiles', index: 'UserIdIndex' },
  { table: 'analyticsData', index: 'UserAnalyticsIndex' },
];

/**
 * Deletes what seedUser wrote for a user: their items in the six entity tables (found through
 * each table's user index, every page) and their objects under `{userId}/` in the file bucket.
 * For tests and local clean-up; returns how many items and objects went.
 */
export async function purgeUser(clients: SeedClients, names: SeedNames, userId: string): Promise<{ items: number; objects: number }> {
  let items = 0;
  for (const { table, index } of USER_TABLES) {
    const spec = ENTITY_TABLES[table as keyof typeof ENTITY_TABLES];
    const keyNames = [spec.hash.name, ...('range' in spec ? [spec.range.name] : [])];
    const { written } = await batchDeleteAll(clients.dynamo, names.tables[table], ownedKeys(clients, names.tables[table], index, userId, keyNames), { concurrency: 8 });
    items += written;
  }
  let objects = 0;
  for await (const page of paginateListObjectsV2({ client: clients.s3 }, { Bucket: names.fileStorageBucket, Prefix: `${userId}/` })) {
    const keys = (page.Contents ?? []).map((object) => ({ Key: object.Key as string }));
    if (keys.length === 0) continue;
    await clients.s3.send(new DeleteObjectsCommand({ Bucket: names.fileStorageBucket, Delete: { Objects: keys, Quiet: true } }));
    objects += keys.length;
  }
  return { items, objects };
}

async function* ownedKeys(clients: SeedClients, table: string, index: string, userId: string, keyNames: string[]): AsyncGenerator<Record<string, AttributeValue>> {
  const input = {
    TableName: table,
    IndexName: index,
    KeyConditionExpression: '#owner = :owner',
    ProjectionExpression: keyNames.map((_, i) => `#k${i}`).join(', '),
    ExpressionAttributeNames: { '#owner': 'userId', ...Object.fromEntries(keyNames.map((name, i) => [`#k${i}`, name])) },
    ExpressionAttributeValues: { ':owner': { S: userId } },
  };
  for await (const page of paginateQuery({ client: clients.dynamo, pageSize: 1000 }, input)) {
    for (const item of page.Items ?? []) yield Object.fromEntries(keyNames.map((name) => [name, item[name]]));
  }
}
