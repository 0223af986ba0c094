import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from './cursor';
import { ImportJob, ImportStatus, RESTING_IMPORT_STATUSES } from './import-job';

type UpdateInput = Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName' | 'Key'>;

/** The import-jobs table; every state change is a conditional update. */
export class ImportJobRepository {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly table: string) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async create(job: ImportJob): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: job, ConditionExpression: 'attribute_not_exists(importId)' }));
  }

  async get(importId: string): Promise<ImportJob | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.table, Key: { importId }, ConsistentRead: true }));
    return Item as ImportJob | undefined;
  }

  async getForUser(importId: string, userId: string): Promise<ImportJob | undefined> {
    const job = await this.get(importId);
    return job && job.userId === userId ? job : undefined;
  }

  async listForUser(userId: string, limit: number, cursor?: string): Promise<{ jobs: ImportJob[]; nextCursor?: string }> {
    const out = await this.doc.send(new QueryCommand({
      TableName: this.table, IndexName: 'UserIdIndex', KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': userId },
      ScanIndexForward: false, Limit: limit, ExclusiveStartKey: cursor ? decodeCursor(cursor, userId) : undefined,
    }));
    return { jobs: (out.Items ?? []) as ImportJob[], nextCursor: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey, userId) : undefined };
  }

  /** Conditional update: `when` is a condition on the current item; undefined when it does not hold. */
  async update(importId: string, input: UpdateInput): Promise<ImportJob | undefined> {
    try {
      const out = await this.doc.send(new UpdateCommand({ TableName: this.table, Key: { importId }, ReturnValues: 'ALL_NEW', ...input }));
      return out.Attributes as ImportJob;
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) return undefined;
      throw e;
    }
  }

  /** Moves the job from one of `from` to `to`, setting `set` (attribute -> value). */
  async transition(importId: string, from: readonly ImportStatus[], to: ImportStatus, set: Record<string, unknown> = {}, remove: string[] = []): Promise<ImportJob | undefined> {
    const names: Record<string, string> = { '#s': 'status' };
    const values: Record<string, unknown> = { ':to': to };
    const sets = ['#s = :to'];
    Object.entries(set).forEach(([k, v], i) => {
      names[`#a${i}`] = k;
      values[`:v${i}`] = v;
      sets.push(`#a${i} = :v${i}`);
    });
    from.forEach((f, i) => (values[`:f${i}`] = f));
    return this.update(importId, {
      UpdateExpression: `SET ${sets.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
      ConditionExpression: `#s IN (${from.map((_, i) => `:f${i}`).join(', ')})`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    });
  }

  /** Takes the job for `owner` when it is in `statuses` and free (no owner, or its lease passed). */
  async claim(importId: string, owner: string, statuses: readonly ImportStatus[], now: number, leaseMs: number): Promise<ImportJob | undefined> {
    const values: Record<string, unknown> = { ':o': owner, ':lease': now + leaseMs, ':now': now, ':one': 1 };
    statuses.forEach((s, i) => (values[`:s${i}`] = s));
    return this.update(importId, {
      UpdateExpression: 'SET leaseOwner = :o, leaseExpiresAt = :lease, attempt = attempt + :one',
      ConditionExpression: `#s IN (${statuses.map((_, i) => `:s${i}`).join(', ')}) AND (attribute_not_exists(leaseOwner) OR leaseExpiresAt < :now)`,
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: values,
    });
  }

  /** Renews the lease and records the saga's checkpoint; false when the job is no longer this owner's. */
  async heartbeat(importId: string, owner: string, now: number, leaseMs: number, set: Record<string, unknown> = {}): Promise<ImportJob | undefined> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':o': owner, ':lease': now + leaseMs };
    const sets = ['leaseExpiresAt = :lease'];
    Object.entries(set).forEach(([k, v], i) => {
      names[`#a${i}`] = k;
      values[`:v${i}`] = v;
      sets.push(`#a${i} = :v${i}`);
    });
    const job = await this.update(importId, {
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: 'leaseOwner = :o',
      ...(Object.keys(names).length && { ExpressionAttributeNames: names }),
      ExpressionAttributeValues: values,
    });
    return job;
  }

  async release(importId: string, owner: string): Promise<void> {
    await this.update(importId, { UpdateExpression: 'REMOVE leaseOwner, leaseExpiresAt', ConditionExpression: 'leaseOwner = :o', ExpressionAttributeValues: { ':o': owner } });
  }

  async requestCancel(importId: string, userId: string, now: number): Promise<ImportJob | undefined> {
    return this.update(importId, {
      UpdateExpression: 'SET cancelRequestedAt = :now',
      ConditionExpression: 'userId = :u AND attribute_not_exists(cancelRequestedAt)',
      ExpressionAttributeValues: { ':u': userId, ':now': now },
    });
  }

  /**
   * The user's erasure of an import at rest (never started, or ended): a never-started one is
   * cancelled, so it can no longer be started; a running one is left alone (undefined).
   */
  async requestErasure(importId: string, userId: string, now: number): Promise<ImportJob | undefined> {
    const values: Record<string, unknown> = { ':u': userId, ':now': now };
    RESTING_IMPORT_STATUSES.forEach((st, i) => (values[`:r${i}`] = st));
    const job = await this.update(importId, {
      UpdateExpression: 'SET erasureRequestedAt = if_not_exists(erasureRequestedAt, :now)',
      ConditionExpression: `userId = :u AND #s IN (${RESTING_IMPORT_STATUSES.map((_, i) => `:r${i}`).join(', ')})`,
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: values,
    });
    if (job?.status !== 'awaiting_upload') return job;
    return (await this.transition(importId, ['awaiting_upload'], 'cancelled', { completedAt: now, errorCode: 'DELETED', error: 'deleted by the user' })) ?? (await this.get(importId));
  }

  /** Every object of the import is gone: the record only waits for its TTL. */
  async markErased(importId: string, now: number, ttl: number): Promise<void> {
    await this.update(importId, {
      UpdateExpression: 'SET erasedAt = :now, #ttl = if_not_exists(#ttl, :ttl)', ConditionExpression: 'attribute_exists(importId)',
      ExpressionAttributeNames: { '#ttl': 'ttl' }, ExpressionAttributeValues: { ':now': now, ':ttl': ttl },
    });
  }

  /** Imports at rest whose objects were not erased yet (the retention sweeper decides which are due). */
  async *scanForRetention(): AsyncGenerator<ImportJob> {
    let start: Record<string, unknown> | undefined;
    const values: Record<string, unknown> = {};
    RESTING_IMPORT_STATUSES.forEach((st, i) => (values[`:r${i}`] = st));
    do {
      const out = await this.doc.send(new ScanCommand({
        TableName: this.table, FilterExpression: `#s IN (${RESTING_IMPORT_STATUSES.map((_, i) => `:r${i}`).join(', ')}) AND attribute_not_exists(erasedAt)`,
        ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: values, ExclusiveStartKey: start, ConsistentRead: true,
      }));
      for (const item of out.Items ?? []) yield item as ImportJob;
      start = out.LastEvaluatedKey;
    } while (start);
  }

  /** Jobs a worker must pick up: in progress with no live owner. */
  async *scanForSweep(now: number): AsyncGenerator<ImportJob> {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(new ScanCommand({
        TableName: this.table,
        FilterExpression: '#s IN (:validating, :processing, :compensating) AND (attribute_not_exists(leaseOwner) OR leaseExpiresAt < :now)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':validating': 'validating', ':processing': 'processing', ':compensating': 'compensating', ':now': now },
        ExclusiveStartKey: start,
      }));
      for (const item of out.Items ?? []) yield item as ImportJob;
      start = out.LastEvaluatedKey;
    } while (start);
  }
}
