import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, CopyObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { Topics } from '@housef3/contracts';
import { datasetReferenceProblems } from '@housef3/package-format/testing';
import { GatewayClient, KafkaObserver, RunningService, startService, stackEnv } from '@housef3/testing';
import { destroyClients, localStackTarget, SeedClients, SeedNames } from '../seed/seed-target';
import { seedUser, SeedSummary } from '../seed/seed-user';
import { downloadExport, readDataset } from './package-download';

/**
 * The rest of an export's life through the API: bad requests, unreadable files, selective
 * exports, history, deletion and expiry, with the events other services see.
 */
describe('export lifecycle (e2e)', () => {
  let services: RunningService[];
  let clients: SeedClients;
  let names: SeedNames;
  let observer: KafkaObserver;
  const env = stackEnv();
  const user = `carol-${randomUUID()}`;
  let seed: SeedSummary;
  let api: GatewayClient;

  beforeAll(async () => {
    ({ clients, names } = localStackTarget());
    [seed, services, observer] = await Promise.all([
      seedUser(clients, names, { userId: user, transactions: 300, files: 4 }),
      Promise.all([
        startService('gateway'),
        // retention of a few seconds and a fast sweeper, so expiry can be watched
        startService('export-service', { EXPORT_RETENTION_SECONDS: '8', EXPORT_SWEEP_INTERVAL_MS: '500' }),
        startService('file-service'),
      ]),
      KafkaObserver.watch([Topics.ExportEvents]),
    ]);
    api = await GatewayClient.forUser(services[0].url, user);
  }, 300000);

  afterAll(async () => {
    await observer?.close();
    await Promise.all((services ?? []).map((s) => s.stop()));
    if (clients) destroyClients(clients);
  });

  const exportsOf = async (client: GatewayClient) => (await client.request<{ exports: Array<{ exportId: string }> }>('GET', '/export?limit=100')).body.exports.length;

  it('refuses bad requests with a precise reason and creates nothing', async () => {
    const before = await exportsOf(api);
    const cases: Array<[unknown, RegExp]> = [
      [{ includeAnalytics: false, sneaky: 1 }, /property sneaky should not exist/],
      [{ format: 'everything' }, /format must be one of/],
      [{ format: 'complete', accountIds: [seed.ids.accounts[0]] }, /need "format": "selective"/],
      [{ format: 'selective' }, /needs accountIds, dateRange or categoriesOnly/],
      [{ format: 'selective', dateRange: { from: '2024-02-01', to: '2024-01-01' } }, /from must not be after/],
      [{ format: 'selective', accountIds: [randomUUID()] }, /no such account/],
      [{ format: 'selective', accountIds: ['not-an-id'] }, /account id/],
      ['{"includeAnalytics": tru', /JSON|Unexpected/],
    ];
    for (const [body, reason] of cases) {
      const res = await api.request<{ message: string | string[] }>('POST', '/export', body);
      expect(res.status).toBe(400);
      expect([res.body.message].flat().join(' | ')).toMatch(reason);
    }
    expect((await api.request('GET', '/export/not-a-uuid/status')).status).toBe(400);
    expect((await api.request('GET', `/export/${randomUUID()}/status`)).status).toBe(404);
    expect(await exportsOf(api)).toBe(before);
  });

  it('exports one account on its own: its transactions only, and every reference resolves inside the package', async () => {
    const account = seed.files[0];
    const accountId = (await clients.dynamo.send(new GetItemCommand({ TableName: names.tables.transactionFiles, Key: { fileId: { S: account.fileId } } }))).Item!.accountId.S!;
    const res = await api.request<{ exportId: string }>('POST', '/export', { format: 'selective', accountIds: [accountId] });
    expect(res.status).toBe(202);
    expect((await api.waitForExport(res.body.exportId)).status).toBe('completed');
    const data = await readDataset((await downloadExport(api, res.body.exportId)).path);
    expect(data.transactions.length).toBeGreaterThan(0);
    expect(data.transactions.every((t) => t.accountId === accountId)).toBe(true);
    expect(data.transactions.length).toBeLessThan(seed.counts.transactions);
    expect(data.accounts.map((a) => a.accountId)).toContain(accountId);
    expect(datasetReferenceProblems(data)).toEqual([]);
  });

  it('exports a date range: transactions inside it, the files they come from, everything they reference', async () => {
    const from = Date.UTC(2000, 0, 1);
    const all = await readDataset((await downloadExport(api, (await completeExport(api)).exportId)).path);
    const dates = all.transactions.map((t) => t.date).sort((x, y) => x - y);
    const to = dates[Math.floor(dates.length / 3)];
    const res = await api.request<{ exportId: string }>('POST', '/export', { format: 'selective', dateRange: { from, to } });
    expect((await api.waitForExport(res.body.exportId)).status).toBe('completed');
    const data = await readDataset((await downloadExport(api, res.body.exportId)).path);
    expect(data.transactions.length).toBe(all.transactions.filter((t) => t.date >= from && t.date <= to).length);
    expect(datasetReferenceProblems(data)).toEqual([]);
    expect(data.categories.length).toBe(all.categories.length);
  });

  it('exports categories only', async () => {
    const res = await api.request<{ exportId: string }>('POST', '/export', { format: 'selective', categoriesOnly: true });
    expect((await api.waitForExport(res.body.exportId)).status).toBe('completed');
    const data = await readDataset((await downloadExport(api, res.body.exportId)).path);
    expect(data.categories.length).toBe(seed.counts.categories);
    expect(data.accounts.length + data.transactions.length + data.transaction_files.length + data.file_maps.length).toBe(0);
  });

  it('lists the history newest first, a page at a time', async () => {
    const first = await api.request<{ exports: Array<{ exportId: string; requestedAt: string }>; nextCursor?: string }>('GET', '/export?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.exports).toHaveLength(2);
    expect(first.body.nextCursor).toBeDefined();
    const second = await api.request<{ exports: Array<{ exportId: string; requestedAt: string }> }>('GET', `/export?limit=2&cursor=${first.body.nextCursor}`);
    const times = [...first.body.exports, ...second.body.exports].map((e) => Date.parse(e.requestedAt));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(new Set([...first.body.exports, ...second.body.exports].map((e) => e.exportId)).size).toBe(4);
    const stranger = await GatewayClient.forUser(services[0].url, `stranger-${randomUUID()}`);
    expect((await stranger.request('GET', `/export?cursor=${first.body.nextCursor}`)).status).toBe(400);
  });

  it('announces a completed export with its counts, size and duration', async () => {
    const done = await completeExport(api);
    const [event] = await observer.waitFor((m) => m.key === done.exportId && m.json<{ type: string }>().type === 'export.completed');
    const payload = event.json<{ userId: string; payload: { packageSize: number; counts: Record<string, number>; durationMs: number; filesCount: number } }>();
    expect(payload.userId).toBe(user);
    expect(payload.payload).toMatchObject({ packageSize: done.packageSize, counts: done.counts, filesCount: seed.files.length });
    expect(payload.payload.durationMs).toBeGreaterThan(0);
  });

  it('expires a package after its retention: object deleted, job expired, download gone, TTL in epoch seconds', async () => {
    const done = await completeExport(api);
    const job = await clients.dynamo.send(new GetItemCommand({ TableName: names.tables.exportJobs, Key: { exportId: { S: done.exportId } } }));
    const ttl = Number(job.Item!.ttl.N);
    expect(ttl).toBeGreaterThan(Date.now() / 1000);
    expect(ttl).toBeLessThan(Date.now() / 1000 + 400 * 24 * 3600);
    const key = job.Item!.packageKey.S!;
    const expired = await api.waitForExport(done.exportId, (s) => s.status === 'expired', 30000);
    expect(expired.downloadUrl).toBeUndefined();
    expect((await api.request('GET', `/export/${done.exportId}/download`)).status).toBe(410);
    await expect(clients.s3.send(new HeadObjectCommand({ Bucket: env.PACKAGES_BUCKET, Key: key }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    await observer.waitFor((m) => m.key === done.exportId && m.json<{ type: string }>().type === 'export.expired');
  });

  it('deletes an export: gone from the API at once, its package removed', async () => {
    const done = await completeExport(api);
    const job = await clients.dynamo.send(new GetItemCommand({ TableName: names.tables.exportJobs, Key: { exportId: { S: done.exportId } } }));
    const res = await api.request('DELETE', `/export/${done.exportId}`);
    expect(res.status).toBe(202);
    expect((await api.request('GET', `/export/${done.exportId}/status`)).status).toBe(404);
    expect((await api.request('DELETE', `/export/${done.exportId}`)).status).toBe(404);
    const deadline = Date.now() + 20000;
    for (;;) {
      const gone = await clients.s3.send(new HeadObjectCommand({ Bucket: env.PACKAGES_BUCKET, Key: job.Item!.packageKey.S! })).then(() => false, () => true);
      if (gone) break;
      if (Date.now() > deadline) throw new Error('the package of a deleted export is still there');
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  it('fails, naming each file, when a statement is missing or archived, and leaves no package', async () => {
    const [missing, archived] = seed.files;
    await clients.s3.send(new DeleteObjectCommand({ Bucket: names.fileStorageBucket, Key: missing.s3Key }));
    await clients.s3.send(new CopyObjectCommand({
      Bucket: names.fileStorageBucket, Key: archived.s3Key, CopySource: `${names.fileStorageBucket}/${encodeURIComponent(archived.s3Key)}`,
      StorageClass: 'GLACIER', MetadataDirective: 'COPY',
    }));
    const res = await api.request<{ exportId: string }>('POST', '/export', { includeAnalytics: false });
    const done = await api.waitForExport(res.body.exportId);
    expect(done.status).toBe('failed');
    expect(done.errorCode).toBe('FILES_UNREADABLE');
    expect(done.error).toContain(`${missing.fileName} (file ${missing.fileId}): NoSuchKey`);
    expect(done.error).toContain(`${archived.fileName} (file ${archived.fileId}): InvalidObjectState`);
    expect((await api.request('GET', `/export/${res.body.exportId}/download`)).status).toBe(409);
    const objects = await clients.s3.send(new ListObjectsV2Command({ Bucket: env.PACKAGES_BUCKET, Prefix: `exports/${user}/${res.body.exportId}/` }));
    expect(objects.KeyCount ?? 0).toBe(0);
    const staging = await clients.s3.send(new ListObjectsV2Command({ Bucket: env.PACKAGES_BUCKET, Prefix: `staging/${user}/${res.body.exportId}/` }));
    expect(staging.KeyCount ?? 0).toBe(0);
    const [event] = await observer.waitFor((m) => m.key === res.body.exportId && m.json<{ type: string }>().type === 'export.failed');
    expect(event.json<{ payload: { error: { code: string } } }>().payload.error.code).toBe('FILES_UNREADABLE');
  });

  it('fails, naming the record, when a stored transaction cannot be exported as it is, and leaves nothing staged', async () => {
    // the user's latest transaction: in the last of the date ranges the export reads at once
    const latest = await clients.dynamo.send(new QueryCommand({
      TableName: names.tables.transactions, IndexName: 'UserIdIndex', KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': { S: user } },
      ScanIndexForward: false, Limit: 1,
    }));
    const transactionId = latest.Items![0]!.transactionId!.S!;
    const key = { transactionId: { S: transactionId } };
    await clients.dynamo.send(new UpdateItemCommand({ TableName: names.tables.transactions, Key: key, UpdateExpression: 'SET mysteryField = :m', ExpressionAttributeValues: { ':m': { S: 'kept by another tool' } } }));
    try {
      const res = await api.request<{ exportId: string }>('POST', '/export', { includeAnalytics: false });
      const done = await api.waitForExport(res.body.exportId);
      expect(done).toMatchObject({ status: 'failed', errorCode: 'EXPORT_INVALID_RECORD' });
      expect(done.error).toContain('transactions mysteryField');
      expect(done.error).toContain('has no such field in the HouseF3 data model');
      const objects = await clients.s3.send(new ListObjectsV2Command({ Bucket: env.PACKAGES_BUCKET, Prefix: `exports/${user}/${res.body.exportId}/` }));
      expect(objects.KeyCount ?? 0).toBe(0);
      const staging = await clients.s3.send(new ListObjectsV2Command({ Bucket: env.PACKAGES_BUCKET, Prefix: `staging/${user}/${res.body.exportId}/` }));
      expect(staging.KeyCount ?? 0).toBe(0);
    } finally {
      await clients.dynamo.send(new UpdateItemCommand({ TableName: names.tables.transactions, Key: key, UpdateExpression: 'REMOVE mysteryField' }));
    }
  });
});

async function completeExport(api: GatewayClient) {
  const res = await api.request<{ exportId: string }>('POST', '/export', {});
  return api.waitForExport(res.body.exportId);
}
