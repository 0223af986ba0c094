import { AttributeValue, BatchGetItemCommand, BatchGetItemCommandOutput, BatchWriteItemCommand, BatchWriteItemCommandOutput, WriteRequest } from '@aws-sdk/client-dynamodb';
import { PermanentError, TransientError, errorMessage, isRetriable } from '../messaging/errors';

/** A low-level DynamoDB item (numbers stay exact strings). */
export type DynamoItem = Record<string, AttributeValue>;

/** What batchWriteAll needs of a DynamoDB client; a DynamoDBClient fits. */
export interface BatchWriteClient {
  send(command: BatchWriteItemCommand, options?: { abortSignal?: AbortSignal }): Promise<BatchWriteItemCommandOutput>;
}

export interface BatchWriteOptions {
  /** BatchWriteItem requests in flight at once (default 4). Items are pulled only when a slot is free. */
  concurrency?: number;
  /** Attempts per batch, for UnprocessedItems and transient errors alike (default 10). */
  maxAttempts?: number;
  /** Backoff before retry n: a random delay up to min(maxDelayMs, baseDelayMs * 2^(n-1)) (defaults 50 and 5000 ms). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Called after every fully written batch with the running total. */
  onProgress?: (written: number) => void;
  /** Stops pulling items and aborts requests in flight. */
  signal?: AbortSignal;
  /** Test seams. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface BatchWriteResult {
  /** Requests written (puts or deletes). */
  written: number;
  /** BatchWriteItem calls made, retries included. */
  calls: number;
  /** Calls that were retries (unprocessed items or transient errors). */
  retries: number;
}

/** BatchWriteItem takes at most 25 requests. */
export const BATCH_WRITE_MAX_ITEMS = 25;

/**
 * Puts every item of `items` into `table` with BatchWriteItem, 25 per call, `concurrency` calls
 * in flight, pulling items lazily (memory stays at concurrency x 25 items, whatever the source
 * size). UnprocessedItems and transient errors are retried with exponential backoff and full
 * jitter. Fails with a PermanentError (code `dynamo_batch_write_failed`) on an error a retry
 * cannot help (ValidationException, missing table, two puts of one key in a batch), and with a
 * TransientError when a batch still has unprocessed items after maxAttempts; either way it stops
 * pulling, lets the calls in flight finish, and reports the first failure. Items already
 * written stay written: callers that need all-or-nothing compensate (delete what they wrote).
 */
export function batchWriteAll(
  client: BatchWriteClient,
  table: string,
  items: AsyncIterable<DynamoItem> | Iterable<DynamoItem>,
  options: BatchWriteOptions = {},
): Promise<BatchWriteResult> {
  return writeRequests(client, table, mapIterable(items, (Item): WriteRequest => ({ PutRequest: { Item } })), options);
}

/** Deletes every key of `keys` from `table`, like batchWriteAll (same batching, retries and errors). */
export function batchDeleteAll(
  client: BatchWriteClient,
  table: string,
  keys: AsyncIterable<DynamoItem> | Iterable<DynamoItem>,
  options: BatchWriteOptions = {},
): Promise<BatchWriteResult> {
  return writeRequests(client, table, mapIterable(keys, (Key): WriteRequest => ({ DeleteRequest: { Key } })), options);
}

async function* mapIterable<T, U>(source: AsyncIterable<T> | Iterable<T>, map: (value: T) => U): AsyncGenerator<U> {
  for await (const value of source) yield map(value);
}

async function writeRequests(
  client: BatchWriteClient,
  table: string,
  requests: AsyncIterable<WriteRequest>,
  options: BatchWriteOptions,
): Promise<BatchWriteResult> {
  const concurrency = positive(options.concurrency ?? 4, 'concurrency');
  const writer = new BatchWriter(client, table, options);
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const launch = (batch: WriteRequest[]): void => {
    const call: Promise<void> = writer
      .write(batch)
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => inFlight.delete(call));
    inFlight.add(call);
  };

  let batch: WriteRequest[] = [];
  for await (const request of requests) {
    if (failure || options.signal?.aborted) break;
    batch.push(request);
    if (batch.length < BATCH_WRITE_MAX_ITEMS) continue;
    launch(batch);
    batch = [];
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  if (batch.length > 0 && !failure && !options.signal?.aborted) launch(batch);
  await Promise.all(inFlight);
  if (failure) throw failure.error;
  options.signal?.throwIfAborted();
  return writer.result();
}

class BatchWriter {
  private written = 0;
  private calls = 0;
  private retries = 0;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(
    private readonly client: BatchWriteClient,
    private readonly table: string,
    private readonly options: BatchWriteOptions,
  ) {
    this.maxAttempts = positive(options.maxAttempts ?? 10, 'maxAttempts');
    this.baseDelayMs = options.baseDelayMs ?? 50;
    this.maxDelayMs = options.maxDelayMs ?? 5000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
  }

  /** Writes one batch, retrying what DynamoDB left unprocessed. */
  async write(batch: WriteRequest[]): Promise<void> {
    let pending = batch;
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) {
        this.retries++;
        await this.sleep(this.backoff(attempt - 1));
      }
      this.calls++;
      let unprocessed: WriteRequest[];
      try {
        const output = await this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.table]: pending } }), { abortSignal: this.options.signal });
        unprocessed = output.UnprocessedItems?.[this.table] ?? [];
      } catch (error) {
        if (this.options.signal?.aborted || !isRetriable(error)) {
          throw new PermanentError('dynamo_batch_write_failed', `BatchWriteItem of ${pending.length} items into ${this.table} failed: ${errorMessage(error)}`, { cause: error });
        }
        if (attempt >= this.maxAttempts) {
          throw new TransientError(`BatchWriteItem into ${this.table} still failing after ${attempt} attempts: ${errorMessage(error)}`, { cause: error });
        }
        continue;
      }
      this.written += pending.length - unprocessed.length;
      if (unprocessed.length === 0) {
        this.options.onProgress?.(this.written);
        return;
      }
      if (attempt >= this.maxAttempts) {
        throw new TransientError(`${unprocessed.length} of ${batch.length} items still unprocessed by ${this.table} after ${attempt} attempts (throttled?)`);
      }
      pending = unprocessed;
    }
  }

  /** Full jitter: a random delay up to the exponential cap (AWS architecture blog, "Exponential Backoff And Jitter"). */
  private backoff(retry: number): number {
    return Math.round(this.random() * Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (retry - 1)));
  }

  result(): BatchWriteResult {
    return { written: this.written, calls: this.calls, retries: this.retries };
  }
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`batchWriteAll: ${name} must be a whole number of at least 1, got ${value}`);
  return value;
}

export interface BatchGetClient {
  send(command: BatchGetItemCommand): Promise<BatchGetItemCommandOutput>;
}

/**
 * The stored items of `keys` (any number; 100 per BatchGetItem), UnprocessedKeys retried with
 * backoff. `projection` limits the attributes read (the key attributes must be among them).
 */
export async function batchGetAll(
  client: BatchGetClient, table: string, keys: readonly DynamoItem[], opts: { consistent?: boolean; projection?: string[] } = {},
): Promise<DynamoItem[]> {
  const found: DynamoItem[] = [];
  const names = opts.projection ? Object.fromEntries(opts.projection.map((a, i) => [`#p${i}`, a])) : undefined;
  for (let i = 0; i < keys.length; i += 100) {
    let pending: DynamoItem[] | undefined = keys.slice(i, i + 100);
    for (let attempt = 0; pending && pending.length; attempt++) {
      if (attempt > 8) throw new TransientError(`BatchGetItem on ${table}: ${pending.length} keys still unprocessed`);
      const out: BatchGetItemCommandOutput = await client.send(new BatchGetItemCommand({
        RequestItems: { [table]: { Keys: pending, ConsistentRead: opts.consistent, ...(names && { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names }) } },
      }));
      found.push(...((out.Responses?.[table] ?? []) as DynamoItem[]));
      pending = out.UnprocessedKeys?.[table]?.Keys as DynamoItem[] | undefined;
      if (pending?.length) await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
    }
  }
  return found;
}
