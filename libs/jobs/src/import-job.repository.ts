import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from './cursor';
import { ACTIVE_IMPORT_STATUSES, FileChunkAnswer, ImportJob, ImportStatus, RESTING_IMPORT_STATUSES } from './import-job';

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

  /** Moves the job from one of `from` to `to`, setting `set` (attribute -> value); no lease involved (the gateway's moves). */
  async transition(importId: string, from: readonly ImportStatus[], to: ImportStatus, set: Record<string, unknown> = {}, remove: string[] = []): Promise<ImportJob | undefined> {
    const { names, values, sets } = assignments(set);
    names['#s'] = 'status';
    values[':to'] = to;
    from.forEach((f, i) => (values[`:f${i}`] = f));
    return this.update(importId, {
      UpdateExpression: `SET ${['#s = :to', ...sets].join(', ')}${removals(remove, names)}`,
      ConditionExpression: `#s IN (${from.map((_, i) => `:f${i}`).join(', ')})`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    });
  }

  /**
   * Takes the job for `owner` when it is in `statuses` and free. A job released cleanly (a transient
   * error, a graceful shutdown) is taken without counting an attempt once its `retryAt` has passed;
   * a job whose lease merely ran out (its worker died) counts one more interrupted attempt.
   */
  async claim(importId: string, owner: string, statuses: readonly ImportStatus[], now: number, leaseMs: number): Promise<ImportJob | undefined> {
    const values: Record<string, unknown> = { ':o': owner, ':lease': now + leaseMs, ':now': now };
    statuses.forEach((s, i) => (values[`:s${i}`] = s));
    const inStatus = `#s IN (${statuses.map((_, i) => `:s${i}`).join(', ')})`;
    const released = await this.update(importId, {
      UpdateExpression: 'SET leaseOwner = :o, leaseExpiresAt = :lease REMOVE retryAt',
      ConditionExpression: `${inStatus} AND attribute_not_exists(leaseOwner) AND (attribute_not_exists(retryAt) OR retryAt <= :now)`,
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: values,
    });
    if (released) return released;
    return this.update(importId, {
      UpdateExpression: 'SET leaseOwner = :o, leaseExpiresAt = :lease, attempt = attempt + :one',
      ConditionExpression: `${inStatus} AND leaseExpiresAt < :now`,
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ...values, ':one': 1 },
    });
  }

  /** Renews the lease (and records `set`); undefined when the job is no longer this owner's or no longer active. */
  async heartbeat(importId: string, owner: string, now: number, leaseMs: number, set: Record<string, unknown> = {}): Promise<ImportJob | undefined> {
    const { names, values, sets } = assignments(set);
    values[':o'] = owner;
    values[':lease'] = now + leaseMs;
    ACTIVE_IMPORT_STATUSES.forEach((s, i) => (values[`:act${i}`] = s));
    names['#s'] = 'status';
    return this.update(importId, {
      UpdateExpression: `SET ${['leaseExpiresAt = :lease', ...sets].join(', ')}`,
      ConditionExpression: `leaseOwner = :o AND #s IN (${ACTIVE_IMPORT_STATUSES.map((_, i) => `:act${i}`).join(', ')})`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    });
  }

  /** A state change made by the lease holder only (fenced): undefined when the lease or the status moved on. */
  async fencedTransition(importId: string, owner: string, from: readonly ImportStatus[], to: ImportStatus, set: Record<string, unknown> = {}, remove: string[] = []): Promise<ImportJob | undefined> {
    const { names, values, sets } = assignments(set);
    names['#s'] = 'status';
    values[':to'] = to;
    values[':o'] = owner;
    from.forEach((f, i) => (values[`:f${i}`] = f));
    return this.update(importId, {
      UpdateExpression: `SET ${['#s = :to', ...sets].join(', ')}${removals(remove, names)}`,
      ConditionExpression: `#s IN (${from.map((_, i) => `:f${i}`).join(', ')}) AND leaseOwner = :o`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    });
  }

  /** Gives the job back after a transient error: the sweeper resumes it from its checkpoint after `retryAt`. */
  async releaseForRetry(importId: string, owner: string, retryAt: number, error: string): Promise<ImportJob | undefined> {
    return this.update(importId, {
      UpdateExpression: 'SET retryAt = :r, lastTransientError = :e, transientRetries = if_not_exists(transientRetries, :zero) + :one REMOVE leaseOwner, leaseExpiresAt',
      ConditionExpression: 'leaseOwner = :o',
      ExpressionAttributeValues: { ':o': owner, ':r': retryAt, ':e': error.slice(0, 500), ':zero': 0, ':one': 1 },
    });
  }

  async release(importId: string, owner: string): Promise<void> {
    await this.update(importId, { UpdateExpression: 'REMOVE leaseOwner, leaseExpiresAt', ConditionExpression: 'leaseOwner = :o', ExpressionAttributeValues: { ':o': owner } });
  }

  /**
   * Records the file-service's answer to one chunk, on whichever replica consumed it; the saga's
   * worker reads it from the job. Only while the job still waits on files (a late answer to an
   * import that moved on is dropped).
   */
  async recordFileAnswer(importId: string, key: string, answer: FileChunkAnswer): Promise<ImportJob | undefined> {
    return this.update(importId, {
      UpdateExpression: 'SET fileAnswers.#k = :a',
      ConditionExpression: 'attribute_exists(fileAnswers) AND #s IN (:p, :c)',
      ExpressionAttributeNames: { '#k': key, '#s': 'status' },
      ExpressionAttributeValues: { ':a': answer, ':p': 'processing', ':c': 'compensating' },
    });
  }

  async requestCancel(importId: string, userId: string, now: number): Promise<ImportJob | undefined> {
    return this.update(importId, {
      UpdateExpression: 'SET cancelRequestedAt = :now',
      ConditionExpression: 'userId = :u AND attribute_not_exists(cancelRequestedAt)',
      ExpressionAttributeValues: { ':u': userId, ':now': now },
    });
  }

  /** The outbox entry was published and its clean-up done. */
  async clearOutbox(importId: string, messageId: string, { releaseLease }: { releaseLease: boolean }): Promise<void> {
    await this.update(importId, {
      UpdateExpression: releaseLease ? 'REMOVE outbox, leaseOwner, leaseExpiresAt' : 'REMOVE outbox',
      ConditionExpression: 'outbox.messageId = :m',
      ExpressionAttributeValues: { ':m': messageId },
    });
  }

  /** Takes a job whose outbox is unfinished (its worker died between the transition and the publish). */
  async claimOutbox(importId: string, owner: string, now: number, leaseMs: number): Promise<ImportJob | undefined> {
    return this.update(importId, {
      UpdateExpression: 'SET leaseOwner = :o, leaseExpiresAt = :lease',
      ConditionExpression: 'attribute_exists(outbox) AND (attribute_not_exists(leaseOwner) OR leaseExpiresAt < :now)',
      ExpressionAttributeValues: { ':o': owner, ':lease': now + leaseMs, ':now': now },
    });
  }

  /**
   * A ConditionCheck for a TransactWriteItems: the write only happens while `owner` holds the
   * job's lease and the job is in `status` (fencing: a worker that lost its lease writes nothing).
   */
  fence(importId: string, owner: string, status: ImportStatus) {
    return {
      ConditionCheck: {
        TableName: this.table,
        Key: { importId: { S: importId } },
        ConditionExpression: 'leaseOwner = :fenceOwner AND #fenceStatus = :fenceStatus',
        ExpressionAttributeNames: { '#fenceStatus': 'status' },
        ExpressionAttributeValues: { ':fenceOwner': { S: owner }, ':fenceStatus': { S: status } },
      },
    };
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

  /** Jobs a worker must pick up: in progress (or owing their final event) with no live owner, past any retry delay. */
  async *scanForSweep(now: number): AsyncGenerator<ImportJob> {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(new ScanCommand({
        TableName: this.table,
        FilterExpression: '(#s IN (:validating, :processing, :compensating) OR attribute_exists(outbox)) AND (attribute_not_exists(leaseOwner) OR leaseExpiresAt < :now) AND (attribute_not_exists(retryAt) OR retryAt <= :now)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':validating': 'validating', ':processing': 'processing', ':compensating': 'compensating', ':now': now },
        ExclusiveStartKey: start,
      }));
      for (const item of out.Items ?? []) yield item as ImportJob;
      start = out.LastEvaluatedKey;
    } while (start);
  }
}

/** `SET` clauses for attribute -> value pairs, with placeholder names and values. */
function assignments(set: Record<string, unknown>) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  Object.entries(set).forEach(([k, v], i) => {
    names[`#a${i}`] = k;
    values[`:v${i}`] = v;
    sets.push(`#a${i} = :v${i}`);
  });
  return { names, values, sets };
}

/** ` REMOVE #r0, #r1, ...` with placeholder names (attribute names such as `error` are reserved words). */
function removals(remove: string[], names: Record<string, string>): string {
  if (!remove.length) return '';
  remove.forEach((r, i) => (names[`#r${i}`] = r));
  return ` REMOVE ${remove.map((_, i) => `#r${i}`).join(', ')}`;
}
