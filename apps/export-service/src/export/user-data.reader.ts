import { AttributeValue, DynamoDBClient, paginateQuery, QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { ENTITY_TABLE, isKeyedByUser, TableNames } from '@housef3/data-model';
import { EntityName } from '@housef3/package-format';

export type Item = Record<string, AttributeValue>;

/**
 * Reads one user's items through the GSIs, every page (HouseF3's own backup stopped at the first
 * 1 MB page). Low-level AttributeValues keep numbers exact (transactionHash exceeds 2^53).
 * Items whose userId is not the user's are never returned, whatever an index says.
 */
export class UserDataReader {
  constructor(private readonly dynamo: DynamoDBClient, private readonly tables: TableNames) {}

  /** Every item of `entity` owned by `userId`. */
  all(entity: EntityName, userId: string): AsyncGenerator<Item> {
    const table = this.tables[ENTITY_TABLE[entity]];
    // the 1.2 entities' tables are keyed by userId itself
    if (isKeyedByUser(entity)) return this.query(userId, { TableName: table, KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': { S: userId } } });
    const index = entity === 'analytics' ? 'UserAnalyticsIndex' : 'UserIdIndex';
    return this.query(userId, { TableName: table, IndexName: index, KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': { S: userId } } });
  }

  /** The user's transactions with date in [from, to] (UserIdIndex is keyed by date). */
  transactionsBetween(userId: string, from: number, to: number): AsyncGenerator<Item> {
    return this.query(userId, {
      TableName: this.tables.transactions, IndexName: 'UserIdIndex', KeyConditionExpression: 'userId = :u AND #d BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#d': 'date' }, ExpressionAttributeValues: { ':u': { S: userId }, ':from': { N: String(from) }, ':to': { N: String(to) } },
    });
  }

  /** One account's transactions, optionally within [from, to] (AccountDateIndex). */
  transactionsOfAccount(userId: string, accountId: string, range?: { from: number; to: number }): AsyncGenerator<Item> {
    const values: Record<string, AttributeValue> = { ':a': { S: accountId } };
    let condition = 'accountId = :a';
    if (range) {
      condition += ' AND #d BETWEEN :from AND :to';
      values[':from'] = { N: String(range.from) };
      values[':to'] = { N: String(range.to) };
    }
    return this.query(userId, {
      TableName: this.tables.transactions, IndexName: 'AccountDateIndex', KeyConditionExpression: condition,
      ...(range && { ExpressionAttributeNames: { '#d': 'date' } }), ExpressionAttributeValues: values,
    });
  }

  private async *query(userId: string, input: QueryCommandInput): AsyncGenerator<Item> {
    for await (const page of paginateQuery({ client: this.dynamo, pageSize: 500 }, input)) {
      for (const item of page.Items ?? []) if (item.userId?.S === userId) yield item;
    }
  }
}
