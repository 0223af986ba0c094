import { DynamoDBClient, paginateQuery } from '@aws-sdk/client-dynamodb';

/** The user's account ids, page by page, from the accounts table's UserIdIndex. */
export class UserAccountsReader {
  constructor(private readonly client: DynamoDBClient, private readonly table: string) {}

  async *accountIdPages(userId: string): AsyncGenerator<string[]> {
    for await (const page of paginateQuery({ client: this.client, pageSize: 100 }, {
      TableName: this.table, IndexName: 'UserIdIndex', KeyConditionExpression: 'userId = :u',
      ExpressionAttributeValues: { ':u': { S: userId } }, ProjectionExpression: 'accountId',
    })) {
      const ids = (page.Items ?? []).map((item) => item.accountId?.S).filter((id): id is string => id !== undefined);
      if (ids.length) yield ids;
    }
  }
}
