import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';

/** Every user action the audit trail records (docs/operations.md, "Audit trail"). */
export const AUDIT_ACTIONS = [
  'export.requested', 'export.download_url_issued', 'export.deleted',
  'import.upload_url_issued', 'import.started', 'import.cancelled', 'import.deleted', 'import.completed', 'import.failed', 'import.refused',
  'request.rate_limited', 'auth.failed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** success: done; refused: the request was turned down (its code says why); failed: the job failed. */
export type AuditOutcome = 'success' | 'refused' | 'failed';

/** Auth failures carry no trustworthy user: they are kept under this id, which no `sub` can have. */
export const UNAUTHENTICATED_USER = '#unauthenticated';

export interface AuditEvent {
  userId: string;
  action: AuditAction;
  outcome: AuditOutcome;
  jobId?: string;
  /** the stable error code of a refusal or failure */
  code?: string;
  sourceIp?: string;
  userAgent?: string;
  /** the HTTP route or the Kafka message type that caused it */
  origin?: string;
}

export interface AuditRecord extends AuditEvent {
  eventId: string;
  /** ISO 8601 */
  at: string;
}

interface AuditItem extends AuditRecord {
  eventKey: string;
  ttl: number;
}

/**
 * The append-only audit trail (table `audit-log`: user, then time): records are only ever put,
 * never updated (a put is conditional on the key being new, so a redelivered event with the same
 * id is recorded once), and go with DynamoDB TTL after the retention.
 */
export class AuditLog {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly table: string, private readonly retentionDays: number) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  /** Records the event; `eventId` makes it idempotent (e.g. the id of the message that caused it). */
  async record(event: AuditEvent, at: Date, eventId: string = randomUUID()): Promise<void> {
    const item: AuditItem = {
      ...clip(event), eventId, at: at.toISOString(), eventKey: `${at.toISOString()}#${eventId}`,
      ttl: Math.floor(at.getTime() / 1000) + this.retentionDays * 24 * 3600,
    };
    try {
      await this.doc.send(new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(eventKey)' }));
    } catch (e) {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
    }
  }

  /** A user's own records, newest first. `after` is the last eventKey of the previous page. */
  async listForUser(userId: string, limit: number, after?: string): Promise<{ records: AuditRecord[]; lastKey?: string }> {
    const out = await this.doc.send(new QueryCommand({
      TableName: this.table, KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': userId }, ScanIndexForward: false, Limit: limit,
      ExclusiveStartKey: after ? { userId, eventKey: after } : undefined,
    }));
    const records = (out.Items ?? []).map(({ eventKey: _k, ttl: _t, ...r }) => r as AuditRecord);
    return { records, lastKey: out.LastEvaluatedKey?.eventKey as string | undefined };
  }
}

/** Header values are the client's: bounded before they are stored. */
function clip(event: AuditEvent): AuditEvent {
  return { ...event, userAgent: event.userAgent?.slice(0, 512), sourceIp: event.sourceIp?.slice(0, 64), origin: event.origin?.slice(0, 200), code: event.code?.slice(0, 100) };
}
