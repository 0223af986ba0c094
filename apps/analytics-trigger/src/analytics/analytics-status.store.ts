import { AttributeValue, ConditionalCheckFailedException, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { AnalyticsStatusRecord } from './analytics-status';

/** HouseF3 stores computationNeeded as binary: 0x01 true, 0x00 false. */
const TRUE = Uint8Array.of(1);
const FALSE = Uint8Array.of(0);

/** The item exactly as HouseF3's AnalyticsProcessingStatus.to_dynamodb_item writes it. */
export function toStatusItem(record: AnalyticsStatusRecord): Record<string, AttributeValue> {
  return {
    pk: { S: record.pk },
    sk: { S: record.sk },
    userId: { S: record.userId },
    ...(record.accountId === undefined ? {} : { accountId: { S: record.accountId } }),
    analyticType: { S: record.analyticType },
    computationNeeded: { B: record.computationNeeded ? TRUE : FALSE },
    processingPriority: { N: String(record.processingPriority) },
    status: { S: record.status },
    lastUpdated: { S: record.lastUpdated },
    ...(record.lastComputedDate === undefined ? {} : { lastComputedDate: { S: record.lastComputedDate } }),
  };
}

/** The analytics-status table of HouseF3. */
export class AnalyticsStatusStore {
  constructor(private readonly client: DynamoDBClient, private readonly table: string) {}

  /**
   * Writes the record unless the stored one is as new or newer (same lastUpdated: this event
   * was handled already; newer: HouseF3 has moved on, e.g. computed it). True when written.
   * lastUpdated is an ISO time of one shape, so text order is time order.
   */
  async putIfNewer(record: AnalyticsStatusRecord): Promise<boolean> {
    try {
      await this.client.send(new PutItemCommand({
        TableName: this.table,
        Item: toStatusItem(record),
        ConditionExpression: 'attribute_not_exists(pk) OR attribute_not_exists(lastUpdated) OR lastUpdated < :t',
        ExpressionAttributeValues: { ':t': { S: record.lastUpdated } },
      }));
      return true;
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) return false;
      throw e;
    }
  }
}
