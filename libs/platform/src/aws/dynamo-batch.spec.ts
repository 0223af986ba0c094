import { BatchWriteItemCommand, BatchWriteItemCommandOutput, WriteRequest } from '@aws-sdk/client-dynamodb';
import { PermanentError, TransientError } from '../messaging/errors';
import { BatchWriteClient, DynamoItem, batchDeleteAll, batchWriteAll } from './dynamo-batch';

const TABLE = 'housef3-test-transactions';
const item = (n: number): DynamoItem => ({ transactionId: { S: `t${n}` }, amount: { N: '-3.50' } });
const idOf = (request: WriteRequest) => (request.PutRequest?.Item ?? request.DeleteRequest?.Key)?.transactionId?.S;

/** A fake of our BatchWriteClient port: records calls, answers with a scripted reply per call. */
class FakeDynamo implements BatchWriteClient {
  readonly calls: WriteRequest[][] = [];
  inFlight = 0;
  maxInFlight = 0;
  constructor(private readonly reply: (requests: WriteRequest[], call: number) => Partial<BatchWriteItemCommandOutput> | Error = () => ({})) {}

  async send(command: BatchWriteItemCommand): Promise<BatchWriteItemCommandOutput> {
    const requests = command.input.RequestItems?.[TABLE] ?? [];
    this.calls.push(requests);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    this.inFlight--;
    const reply = this.reply(requests, this.calls.length);
    if (reply instanceof Error) throw reply;
    return { $metadata: {}, ...reply };
  }
}

const noSleep = { sleep: async () => undefined, random: () => 1 };
const awsError = (name: string) => Object.assign(new Error(`${name}: boom`), { name });

describe('batchWriteAll', () => {
  it('writes every item in batches of 25 with bounded concurrency', async () => {
    const dynamo = new FakeDynamo();
    const progress: number[] = [];
    const result = await batchWriteAll(dynamo, TABLE, Array.from({ length: 130 }, (_, n) => item(n)), { concurrency: 3, onProgress: (n) => progress.push(n) });
    expect(result).toEqual({ written: 130, calls: 6, retries: 0 });
    expect(dynamo.calls.map((batch) => batch.length)).toEqual([25, 25, 25, 25, 25, 5]);
    expect(dynamo.calls.flat().map(idOf)).toEqual(Array.from({ length: 130 }, (_, n) => `t${n}`));
    expect(dynamo.maxInFlight).toBe(3);
    expect(progress.at(-1)).toBe(130);
  });

  it('pulls items lazily: never more than concurrency x 25 ahead of what was written', async () => {
    let pulled = 0;
    let maxAhead = 0;
    const dynamo = new FakeDynamo(() => {
      maxAhead = Math.max(maxAhead, pulled - dynamo.calls.length * 25 + 25);
      return {};
    });
    async function* source() {
      for (let n = 0; n < 1000; n++) {
        pulled++;
        yield item(n);
      }
    }
    await batchWriteAll(dynamo, TABLE, source(), { concurrency: 2 });
    expect(maxAhead).toBeLessThanOrEqual(3 * 25);
  });

  it('retries UnprocessedItems with growing, capped backoff until all are written', async () => {
    const dynamo = new FakeDynamo((requests, call) => (call <= 3 ? { UnprocessedItems: { [TABLE]: requests.slice(10) } } : {}));
    const sleeps: number[] = [];
    const result = await batchWriteAll(dynamo, TABLE, Array.from({ length: 25 }, (_, n) => item(n)), {
      sleep: async (ms) => void sleeps.push(ms), random: () => 1, baseDelayMs: 100, maxDelayMs: 250,
    });
    expect(dynamo.calls.map((batch) => batch.length)).toEqual([25, 15, 5]);
    expect(result).toEqual({ written: 25, calls: 3, retries: 2 });
    expect(sleeps).toEqual([100, 200]);
  });

  it('gives up with a TransientError when a batch stays unprocessed after maxAttempts', async () => {
    const dynamo = new FakeDynamo((requests) => ({ UnprocessedItems: { [TABLE]: requests } }));
    const run = batchWriteAll(dynamo, TABLE, [item(1), item(2)], { ...noSleep, maxAttempts: 4 });
    await expect(run).rejects.toThrow(new TransientError(`2 of 2 items still unprocessed by ${TABLE} after 4 attempts (throttled?)`));
    expect(dynamo.calls).toHaveLength(4);
  });

  it('retries transient errors (throttling) and then succeeds', async () => {
    const dynamo = new FakeDynamo((_requests, call) => (call === 1 ? awsError('ProvisionedThroughputExceededException') : {}));
    await expect(batchWriteAll(dynamo, TABLE, [item(1)], noSleep)).resolves.toEqual({ written: 1, calls: 2, retries: 1 });
  });

  it('fails fast with a PermanentError on a validation error, stops pulling items and keeps the cause', async () => {
    const cause = awsError('ValidationException');
    const dynamo = new FakeDynamo(() => cause);
    let pulled = 0;
    function* source() {
      for (let n = 0; n < 10_000; n++) {
        pulled++;
        yield item(n);
      }
    }
    const error: unknown = await batchWriteAll(dynamo, TABLE, source(), { concurrency: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code: 'dynamo_batch_write_failed', cause, message: `BatchWriteItem of 25 items into ${TABLE} failed: ValidationException: boom` });
    expect(pulled).toBeLessThan(200);
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    const dynamo = new FakeDynamo((_requests, call) => {
      if (call === 2) controller.abort(new Error('job cancelled'));
      return {};
    });
    const run = batchWriteAll(dynamo, TABLE, Array.from({ length: 500 }, (_, n) => item(n)), { concurrency: 1, signal: controller.signal });
    await expect(run).rejects.toThrow('job cancelled');
    expect(dynamo.calls.length).toBeLessThan(5);
  });

  it('refuses a concurrency below 1', async () => {
    await expect(batchWriteAll(new FakeDynamo(), TABLE, [], { concurrency: 0 })).rejects.toThrow('batchWriteAll: concurrency must be a whole number of at least 1, got 0');
  });
});

describe('batchDeleteAll', () => {
  it('deletes every key in batches of 25', async () => {
    const dynamo = new FakeDynamo();
    await batchDeleteAll(dynamo, TABLE, Array.from({ length: 30 }, (_, n) => ({ transactionId: { S: `t${n}` } })));
    expect(dynamo.calls.map((batch) => batch.length)).toEqual([25, 5]);
    expect(dynamo.calls[0][0]).toEqual({ DeleteRequest: { Key: { transactionId: { S: 't0' } } } });
  });
});
