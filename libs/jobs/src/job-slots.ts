import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

export type SlotKind = 'export' | 'import';

/** Whether the job holding a slot still runs: true, false (ended: its slot is free), undefined (no such job). */
export type StillActive = (jobId: string) => Promise<boolean | undefined>;

/**
 * A user's active jobs, bounded per kind, race-free across gateway replicas: each job takes one
 * of `limit` slot items (`{pk: userId, sk: slot#kind#n}`) with a conditional write, so two
 * replicas can never hand out the same slot. Slots are not released by the workers: a slot whose
 * job ended (or vanished) is taken over, again conditionally on the holder it was read with,
 * so a crashed worker can never leave a user locked out. A slot whose job record does not exist
 * (yet: taken a moment ago by a request still creating it) counts as held for `graceMs`.
 */
export class JobSlots {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly table: string, private readonly graceMs = 60000) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  /** True when `jobId` holds a slot of its user (taken now, or already its own). */
  async acquire(userId: string, kind: SlotKind, jobId: string, limit: number, stillActive: StillActive, now: number): Promise<boolean> {
    const held = await this.slots(userId, kind);
    if (held.some((s) => s.jobId === jobId)) return true;
    for (let n = 0; n < limit; n++) {
      const sk = slotKey(kind, n);
      const current = held.find((s) => s.sk === sk);
      if (!current) {
        if (await this.put(userId, sk, jobId, now)) return true;
        continue;
      }
      const active = await stillActive(current.jobId);
      if (active === true || (active === undefined && now - current.since < this.graceMs)) continue;
      if (await this.replace(userId, sk, current.jobId, jobId, now)) return true;
    }
    return false;
  }

  private async slots(userId: string, kind: SlotKind): Promise<Array<{ sk: string; jobId: string; since: number }>> {
    const out = await this.doc.send(new QueryCommand({
      TableName: this.table, KeyConditionExpression: 'pk = :u AND begins_with(sk, :p)', ExpressionAttributeValues: { ':u': userId, ':p': `slot#${kind}#` }, ConsistentRead: true,
    }));
    return (out.Items ?? []) as Array<{ sk: string; jobId: string; since: number }>;
  }

  private async put(userId: string, sk: string, jobId: string, now: number): Promise<boolean> {
    return conditional(this.doc.send(new PutCommand({ TableName: this.table, Item: { pk: userId, sk, jobId, since: now }, ConditionExpression: 'attribute_not_exists(pk)' })));
  }

  private async replace(userId: string, sk: string, from: string, jobId: string, now: number): Promise<boolean> {
    return conditional(this.doc.send(new UpdateCommand({
      TableName: this.table, Key: { pk: userId, sk }, UpdateExpression: 'SET jobId = :j, since = :now', ConditionExpression: 'jobId = :from',
      ExpressionAttributeValues: { ':j': jobId, ':from': from, ':now': now },
    })));
  }
}

const slotKey = (kind: SlotKind, n: number) => `slot#${kind}#${n}`;

async function conditional(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return false;
    throw e;
  }
}
