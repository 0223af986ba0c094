import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { FaultProxy } from './fault-proxy';
import { stackEnv } from './stack-env';

/**
 * The fault proxy in front of the real DynamoDB Local and S3 server: transparent by default,
 * and what it injects is what the AWS SDK classifies as throttling (and retries).
 */
describe('FaultProxy (against the local stack)', () => {
  const env = stackEnv();
  const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
  const table = `fault-proxy-${randomUUID()}`;
  const bucket = `fault-proxy-${randomUUID().slice(0, 8)}`;
  let dynamoProxy: FaultProxy;
  let s3Proxy: FaultProxy;
  let direct: DynamoDBClient;
  let directS3: S3Client;
  // the SDK's own retry decision (standard strategy) is what is under test
  const dynamoVia = (maxAttempts: number) => new DynamoDBClient({ region: env.AWS_REGION, endpoint: dynamoProxy.url, credentials, maxAttempts });
  const s3Via = (maxAttempts: number) => new S3Client({ region: env.AWS_REGION, endpoint: s3Proxy.url, credentials, forcePathStyle: true, maxAttempts, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
  const item = (id: string) => ({ id: { S: id }, amount: { S: '12.34' } });

  beforeAll(async () => {
    [dynamoProxy, s3Proxy] = await Promise.all([FaultProxy.start(env.DYNAMODB_ENDPOINT), FaultProxy.start(env.S3_ENDPOINT)]);
    direct = new DynamoDBClient({ region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT, credentials });
    directS3 = new S3Client({ region: env.AWS_REGION, endpoint: env.S3_ENDPOINT, credentials, forcePathStyle: true });
    await direct.send(new CreateTableCommand({ TableName: table, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] }));
    await directS3.send(new CreateBucketCommand({ Bucket: bucket }));
  });

  afterEach(() => {
    dynamoProxy.clearFaults();
    s3Proxy.clearFaults();
  });

  afterAll(async () => {
    await direct?.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
    for (const Key of ['big.bin', 'a/1', 'b/1']) await directS3?.send(new DeleteObjectCommand({ Bucket: bucket, Key })).catch(() => undefined);
    await directS3?.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => undefined);
    direct?.destroy();
    directS3?.destroy();
    await Promise.all([dynamoProxy?.close(), s3Proxy?.close()]);
  });

  it('is transparent by default: DynamoDB calls and S3 bytes go through unchanged', async () => {
    const client = dynamoVia(1);
    const s3 = s3Via(1);
    try {
      await client.send(new PutItemCommand({ TableName: table, Item: item('plain') }));
      expect((await direct.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'plain' } }, ConsistentRead: true }))).Item).toEqual(item('plain'));
      const bytes = randomBytes(6 * 1024 * 1024 + 17);
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'big.bin', Body: bytes }));
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'big.bin' }));
      const back = Buffer.from(await got.Body!.transformToByteArray());
      expect(createHash('sha256').update(back).digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(dynamoProxy.stats()).toMatchObject({ faulted: 0, byRequest: { PutItem: { forwarded: 1, faulted: 0 } } });
      expect(s3Proxy.stats().faulted).toBe(0);
    } finally {
      client.destroy();
      s3.destroy();
    }
  });

  it('answers DynamoDB calls with ProvisionedThroughputExceededException, which the SDK retries as throttling', async () => {
    const client = dynamoVia(3);
    try {
      // two throttled answers, then through: the SDK retried (it does not retry a plain 400)
      const twice = dynamoProxy.throttle({ times: 2, match: { operation: 'PutItem' } });
      const out = await client.send(new PutItemCommand({ TableName: table, Item: item('retried') }));
      expect(twice.hits).toBe(2);
      expect(out.$metadata.attempts).toBe(3);

      // for a window: every attempt throttled, the error surfaces, nothing reaches DynamoDB Local
      const window = dynamoProxy.throttle({ forMs: 60000, match: { operation: 'PutItem' } });
      const error = await client.send(new PutItemCommand({ TableName: table, Item: item('never') })).catch((e: unknown) => e as Error & { $metadata: { httpStatusCode: number; attempts: number } });
      expect(error).toMatchObject({ name: 'ProvisionedThroughputExceededException', $metadata: { httpStatusCode: 400, attempts: 3 } });
      expect(window.hits).toBe(3);
      // other operations are not matched and pass
      expect((await client.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'retried' } }, ConsistentRead: true }))).Item).toEqual(item('retried'));
      expect((await direct.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'never' } }, ConsistentRead: true }))).Item).toBeUndefined();
      window.clear();
      expect(window.active).toBe(false);
      await client.send(new PutItemCommand({ TableName: table, Item: item('after') }));
      expect(window.hits).toBe(3);
    } finally {
      client.destroy();
    }
  });

  it('ends a time window on its own', async () => {
    const client = dynamoVia(1);
    try {
      const fault = dynamoProxy.throttle({ forMs: 1500 });
      await expect(client.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'x' } } }))).rejects.toMatchObject({ name: 'ProvisionedThroughputExceededException' });
      const deadline = Date.now() + 10000;
      while (fault.active && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(fault.active).toBe(false);
      await client.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'x' } } }));
    } finally {
      client.destroy();
    }
  });

  it('holds matching requests for a delay and still forwards them (a slow server)', async () => {
    const client = dynamoVia(1);
    try {
      await client.send(new PutItemCommand({ TableName: table, Item: item('slow') }));
      const faultedBefore = dynamoProxy.stats().faulted;
      const fault = dynamoProxy.slow(800, { times: 1, match: { operation: 'GetItem' } });
      const started = Date.now();
      const out = await client.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'slow' } }, ConsistentRead: true }));
      expect(Date.now() - started).toBeGreaterThanOrEqual(790);
      expect(out.Item).toEqual(item('slow'));
      expect(fault.hits).toBe(1);
      // delayed, not answered by the proxy
      expect(dynamoProxy.stats().faulted).toBe(faultedBefore);
    } finally {
      client.destroy();
    }
  });

  it('answers S3 requests with 503 SlowDown, only for the matching key prefix, and the SDK retries them', async () => {
    const s3 = s3Via(3);
    try {
      const fault = s3Proxy.slowDown({ forMs: 60000, match: { keyPrefix: 'a/' } });
      const error = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'a/1', Body: 'x' })).catch((e: unknown) => e as Error & { $metadata: { httpStatusCode: number; attempts: number } });
      expect(error).toMatchObject({ name: 'SlowDown', $metadata: { httpStatusCode: 503, attempts: 3 } });
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'b/1', Body: 'y' }));
      expect(fault.hits).toBe(3);
      fault.clear();

      const once = s3Proxy.slowDown({ times: 1, match: { method: 'GET' } });
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'b/1' }));
      expect(await got.Body!.transformToString()).toBe('y');
      expect({ hits: once.hits, attempts: got.$metadata.attempts }).toEqual({ hits: 1, attempts: 2 });
    } finally {
      s3.destroy();
    }
  });
});
