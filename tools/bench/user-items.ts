import { AttributeValue, DynamoDBClient, paginateQuery, QueryCommand, QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { TableNames } from '@housef3/data-model';

export type Item = Record<string, AttributeValue>;

/** The six package entities' tables and the GSI that finds a user's items in each. */
export const USER_TABLES = [
  { entity: 'accounts', table: 'accounts', index: 'UserIdIndex', key: 'accountId' },
  { entity: 'transactions', table: 'transactions', index: 'UserIdIndex', key: 'transactionId' },
  { entity: 'categories', table: 'categories', index: 'UserIdIndex', key: 'categoryId' },
  { entity: 'file_maps', table: 'fileMaps', index: 'UserIdIndex', key: 'fileMapId' },
  { entity: 'transaction_files', table: 'transactionFiles', index: 'UserIdIndex', key: 'fileId' },
  { entity: 'analytics', table: 'analyticsData', index: 'UserAnalyticsIndex', key: 'pk' },
] as const satisfies readonly { entity: string; table: keyof TableNames; index: string; key: string }[];

/**
 * Every page of a user's items of one table through its GSI (500 items a page, as the export
 * reads them). For transactions, `segments` > 1 splits the UserIdIndex query into date ranges read in
 * parallel; each page is handed to `onPage` as it arrives (any order).
 */
export async function queryUserItems(dynamo: DynamoDBClient, tables: TableNames, spec: (typeof USER_TABLES)[number], userId: string, segments: number, onPage: (items: Item[]) => Promise<void>): Promise<void> {
  const base: QueryCommandInput = { TableName: tables[spec.table], IndexName: spec.index, KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': { S: userId } } };
  const run = async (input: QueryCommandInput) => {
    for await (const page of paginateQuery({ client: dynamo, pageSize: 500 }, input)) await onPage(page.Items ?? []);
  };
  if (spec.entity !== 'transactions' || segments <= 1) return run(base);
  const edge = async (forward: boolean) =>
    (await dynamo.send(new QueryCommand({ ...base, Limit: 1, ScanIndexForward: forward, ProjectionExpression: '#d', ExpressionAttributeNames: { '#d': 'date' } }))).Items?.[0]?.date?.N;
  const [first, last] = await Promise.all([edge(true), edge(false)]);
  if (first === undefined || last === undefined) return;
  const from = Number(first);
  const step = Math.ceil((Number(last) - from + 1) / segments);
  await Promise.all(Array.from({ length: segments }, (_, i) => run({
    ...base, KeyConditionExpression: 'userId = :u AND #d BETWEEN :a AND :b', ExpressionAttributeNames: { '#d': 'date' },
    ExpressionAttributeValues: { ':u': { S: userId }, ':a': { N: String(from + i * step) }, ':b': { N: String(i === segments - 1 ? Number(last) : from + (i + 1) * step - 1) } },
  })));
}
