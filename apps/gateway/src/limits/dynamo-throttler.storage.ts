import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * @nestjs/throttler's storage in DynamoDB, so a limit holds across gateway replicas: a fixed
 * window per key (`{pk: rate#<key>, sk: <throttler>#<window>}`), counted with one atomic ADD;
 * the items go with the table's TTL. A blocked caller waits for the end of the window (the
 * Retry-After the guard sends).
 */
export class DynamoThrottlerStorage implements ThrottlerStorage {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly table: string, private readonly now: () => number = Date.now) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    const window = Math.floor(now / ttl);
    const windowEnd = (window + 1) * ttl;
    const out = await this.doc.send(new UpdateCommand({
      TableName: this.table, Key: { pk: `rate#${key}`, sk: `${throttlerName}#${window}` },
      UpdateExpression: 'ADD hits :one SET #ttl = :ttl', ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':one': 1, ':ttl': Math.ceil(windowEnd / 1000) + 60 }, ReturnValues: 'UPDATED_NEW',
    }));
    const totalHits = Number(out.Attributes?.hits ?? 1);
    const timeToExpire = Math.max(1, Math.ceil((windowEnd - now) / 1000));
    const isBlocked = totalHits > limit;
    return { totalHits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
  }
}
