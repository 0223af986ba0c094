import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ExportJob, ExportOutboxEntry, ExportProgress } from './export-job';
import { decodeCursor, encodeCursor } from './cursor';

export interface ExportJobPage {
  jobs: ExportJob[];
  nextCursor?: string;
}

export interface ExportResult {
  packageSize: number;
  packageSha256: string;
  counts: NonNullable<ExportJob['counts']>;
  filesCount: number;
  completedAt: number;
  expiresAt: number;
  ttl: number;
}

/**
 * The export-jobs table. Every state change is a conditional update, so progress, cancel,
 * completion and a taken-over lease never overwrite one another.
 */
export class ExportJobRepository {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly table: string) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async create(job: ExportJob): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: job, ConditionExpression: 'attribute_not_exists(exportId)' }));
  }

  async get(exportId: string): Promise<ExportJob | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.table, Key: { exportId }, ConsistentRead: true }));
    return Item as ExportJob | undefined;
  }

  /** The job if it is this user's and not deleted; undefined otherwise (callers answer 404 either way). */
  async getForUser(exportId: string, userId: string): Promise<ExportJob | undefined> {
    const job = await this.get(exportId);
    return job && job.userId === userId && job.deleteRequestedAt === undefined ? job : undefined;
  }

  /** A user's exports, newest first, `limit` at a time; the cursor is opaque to the client. */
  async listForUser(userId: string, limit: number, cursor?: string): Promise<ExportJobPage> {
    const start = cursor ? decodeCursor(cursor, userId) : undefined;
    const out = await this.doc.send(new QueryCommand({
      TableName: this.table,
      IndexName: 'UserIdIndex',
      KeyConditionExpression: 'userId = :u',
      FilterExpression: 'attribute_not_exists(deleteRequestedAt)',
      ExpressionAttributeValues: { ':u': userId },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: start,
    }));
    return { jobs: (out.Items ?? []) as ExportJob[], nextCursor: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey, userId) : undefined };
  }

  /**
   * Takes the job for `owner`: an initiated job, or a processing one whose lease has passed (its
   * worker died). Counts the attempt. Returns undefined when somebody else holds it or it ended.
   */
  async claim(exportId: string, owner: string, now: number, leaseMs: number, phase: ExportProgress['phase']): Promise<ExportJob | undefined> {
    const values = { ':processing': 'processing', ':o': owner, ':lease': now + leaseMs, ':now': now, ':progress': { phase, recordsDone: 0, bytesDone: 0 } };
    // released cleanly (a transient error): resumed without counting an attempt
    const released = await this.update(exportId, {
      UpdateExpression: 'SET leaseOwner = :o, leaseExpiresAt = :lease, progress = :progress',
      ConditionExpression: 'attribute_not_exists(deleteRequestedAt) AND #s = :processing AND progress.phase = :phase AND attribute_not_exists(leaseOwner) AND leaseExpiresAt < :now',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ...values, ':phase': phase },
    });
    if (released) return released;
    return this.update(exportId, {
      UpdateExpression: 'SET #s = :processing, leaseOwner = :o, leaseExpiresAt = :lease, attempt = attempt + :one, startedAt = if_not_exists(startedAt, :now), progress = :progress',
      ConditionExpression: 'attribute_not_exists(deleteRequestedAt) AND (#s = :initiated OR (#s = :processing AND attribute_exists(leaseOwner) AND leaseExpiresAt < :now))',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ...values, ':initiated': 'initiated', ':one': 1 },
    });
  }

  /** Gives the job back after a transient error: resumed (without counting an attempt) once `retryAt` passed. */
  async releaseForRetry(exportId: string, owner: string, retryAt: number): Promise<ExportJob | undefined> {
    return this.update(exportId, {
      UpdateExpression: 'SET leaseExpiresAt = :r, transientRetries = if_not_exists(transientRetries, :zero) + :one REMOVE leaseOwner',
      ConditionExpression: 'leaseOwner = :o',
      ExpressionAttributeValues: { ':o': owner, ':r': retryAt, ':zero': 0, ':one': 1 },
    });
  }

  /** The outbox entry was published. */
  async clearOutbox(exportId: string, messageId: string): Promise<void> {
    await this.update(exportId, { UpdateExpression: 'REMOVE outbox', ConditionExpression: 'outbox.messageId = :m', ExpressionAttributeValues: { ':m': messageId } });
  }

  /** Hands a processing job to the next phase's worker: no owner, lease = the time it has to pick it up. */
  async handOver(exportId: string, from: string, now: number, pickUpWithinMs: number, progress: ExportProgress, planKey: string): Promise<ExportJob | undefined> {
    return this.update(exportId, {
      UpdateExpression: 'SET progress = :p, leaseExpiresAt = :lease, planKey = :plan REMOVE leaseOwner',
      ConditionExpression: '#s = :processing AND leaseOwner = :from AND attribute_not_exists(deleteRequestedAt)',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':processing': 'processing', ':from': from, ':p': progress, ':lease': now + pickUpWithinMs, ':plan': planKey },
    });
  }

  /**
   * Takes a job in `phase` for `owner`: one handed over to this phase and not picked up yet, or
   * one whose owner died (its lease passed), which counts as a new attempt, up to `maxAttempts`.
   */
  async takeOver(exportId: string, owner: string, phase: ExportProgress['phase'], now: number, leaseMs: number, maxAttempts: number): Promise<ExportJob | undefined> {
    const base = {
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':processing': 'processing', ':o': owner, ':lease': now + leaseMs, ':phase': phase } as Record<string, unknown>,
    };
    const fresh = await this.update(exportId, {
      ...base,
      UpdateExpression: 'SET leaseOwner = :o, leaseExpiresAt = :lease',
      ConditionExpression: '#s = :processing AND progress.phase = :phase AND attribute_not_exists(deleteRequestedAt) AND attribute_not_exists(leaseOwner)',
    });
    if (fresh) return fresh;
    return this.update(exportId, {
      ...base,
      UpdateExpression: 'SET leaseOwner = :o, leaseExpiresAt = :lease, attempt = attempt + :one',
      ConditionExpression: '#s = :processing AND progress.phase = :phase AND attribute_not_exists(deleteRequestedAt) AND leaseExpiresAt < :now AND attempt < :max',
      ExpressionAttributeValues: { ...base.ExpressionAttributeValues, ':now': now, ':one': 1, ':max': maxAttempts },
    });
  }

  /** Renews the lease and records progress; false when the job is no longer this owner's. */
  async heartbeat(exportId: string, owner: string, now: number, leaseMs: number, progress: ExportProgress): Promise<boolean> {
    const job = await this.update(exportId, {
      UpdateExpression: 'SET leaseExpiresAt = :lease, progress = :p',
      ConditionExpression: '#s = :processing AND leaseOwner = :o AND attribute_not_exists(deleteRequestedAt)',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':processing': 'processing', ':o': owner, ':lease': now + leaseMs, ':p': progress },
    });
    return job !== undefined;
  }

  /** Gives a lease back early (a transient failure): the sweeper retries the phase at once. */
  async release(exportId: string, owner: string, now: number): Promise<void> {
    await this.update(exportId, {
      UpdateExpression: 'SET leaseExpiresAt = :now REMOVE leaseOwner',
      ConditionExpression: 'leaseOwner = :o',
      ExpressionAttributeValues: { ':o': owner, ':now': now - 1 },
    });
  }

  /** processing -> completed, only from the assembling phase (the package exists). */
  async complete(exportId: string, result: ExportResult, outbox: ExportOutboxEntry): Promise<ExportJob | undefined> {
    return this.update(exportId, {
      UpdateExpression: 'SET #s = :completed, packageSize = :size, packageSha256 = :sha, #c = :counts, filesCount = :files, completedAt = :at, expiresAt = :exp, #ttl = :ttl, progress = :p, outbox = :outbox REMOVE leaseOwner, leaseExpiresAt',
      ConditionExpression: '#s = :processing AND progress.phase = :assembling',
      ExpressionAttributeNames: { '#s': 'status', '#c': 'counts', '#ttl': 'ttl' },
      ExpressionAttributeValues: {
        ':completed': 'completed', ':processing': 'processing', ':assembling': 'assembling',
        ':size': result.packageSize, ':sha': result.packageSha256, ':counts': result.counts, ':files': result.filesCount,
        ':at': result.completedAt, ':exp': result.expiresAt, ':ttl': result.ttl,
        ':p': { phase: 'done', recordsDone: Object.values(result.counts).reduce((a, b) => a + b, 0), bytesDone: result.packageSize, counts: result.counts },
        ':outbox': outbox,
      },
    });
  }

  /** initiated|processing -> failed, with the reason the user will read. */
  async fail(exportId: string, code: string, message: string, now: number, ttl: number, outbox: ExportOutboxEntry): Promise<ExportJob | undefined> {
    return this.update(exportId, {
      UpdateExpression: 'SET #s = :failed, #e = :msg, errorCode = :code, completedAt = :now, #ttl = :ttl, outbox = :outbox REMOVE leaseOwner, leaseExpiresAt',
      ConditionExpression: '#s IN (:initiated, :processing)',
      ExpressionAttributeNames: { '#s': 'status', '#e': 'error', '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':failed': 'failed', ':initiated': 'initiated', ':processing': 'processing', ':msg': message.slice(0, 4000), ':code': code, ':now': now, ':ttl': ttl, ':outbox': outbox },
    });
  }

  /** completed -> expired, once the package was deleted. */
  async markExpired(exportId: string, outbox: ExportOutboxEntry): Promise<ExportJob | undefined> {
    return this.update(exportId, {
      UpdateExpression: 'SET #s = :expired, outbox = :outbox',
      ConditionExpression: '#s = :completed',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':expired': 'expired', ':completed': 'completed', ':outbox': outbox },
    });
  }

  /** The user deleted the export: it disappears from their view at once; workers stop and clean up. */
  async requestDelete(exportId: string, userId: string, now: number): Promise<ExportJob | undefined> {
    return this.update(exportId, {
      UpdateExpression: 'SET deleteRequestedAt = :now',
      ConditionExpression: 'userId = :u AND attribute_not_exists(deleteRequestedAt)',
      ExpressionAttributeValues: { ':u': userId, ':now': now },
    });
  }

  /** Jobs the sweeper must look at: processing with a passed lease, completed past expiry, deleted. */
  async *scanForSweep(now: number, staleAfterMs = 0): AsyncGenerator<ExportJob> {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(new ScanCommand({
        TableName: this.table,
        FilterExpression: '(#s = :processing AND leaseExpiresAt < :now) OR (#s = :initiated AND requestedAt < :stale) OR (#s = :completed AND expiresAt < :now) OR (attribute_exists(deleteRequestedAt) AND #s <> :deleted) OR attribute_exists(outbox)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':processing': 'processing', ':initiated': 'initiated', ':completed': 'completed', ':deleted': 'deleted', ':now': now, ':stale': now - staleAfterMs },
        ExclusiveStartKey: start,
      }));
      for (const item of out.Items ?? []) yield item as ExportJob;
      start = out.LastEvaluatedKey;
    } while (start);
  }

  /** Marks a deleted job's cleanup done (the record then only waits for its TTL). */
  async markDeleted(exportId: string, ttl: number): Promise<void> {
    await this.update(exportId, {
      UpdateExpression: 'SET #s = :deleted, #ttl = :ttl REMOVE leaseOwner, leaseExpiresAt',
      ConditionExpression: 'attribute_exists(deleteRequestedAt)',
      ExpressionAttributeNames: { '#s': 'status', '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':deleted': 'deleted', ':ttl': ttl },
    });
  }

  private async update(exportId: string, input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName' | 'Key'>): Promise<ExportJob | undefined> {
    try {
      const out = await this.doc.send(new UpdateCommand({ TableName: this.table, Key: { exportId }, ReturnValues: 'ALL_NEW', ...input }));
      return out.Attributes as ExportJob;
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) return undefined;
      throw e;
    }
  }
}
