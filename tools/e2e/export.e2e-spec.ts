import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { canonicalJson, EntityName, entityIdOf, fileSource, openPackage, recordKeyOrder, verifyPackage } from '@housef3/package-format';
import { GatewayClient, RunningService, startService, userRecords } from '@housef3/testing';
import { destroyClients, localStackTarget, SeedClients, SeedNames } from '../seed/seed-target';
import { seedUser, SeedSummary } from '../seed/seed-user';
import { downloadExport, sha256Of } from './package-download';

const ENTITIES: EntityName[] = ['accounts', 'transactions', 'categories', 'file_maps', 'transaction_files', 'analytics'];

/**
 * Export end to end through the gateway's HTTP API, on the real stack: a seeded HouseF3 user with
 * every awkward case is exported, the 302 followed, and the package compared with DynamoDB and S3.
 */
describe('export (e2e)', () => {
  let services: RunningService[];
  let gateway: RunningService;
  let clients: SeedClients;
  let names: SeedNames;
  let dynamo: DynamoDBClient;
  let s3: S3Client;
  const alice = `alice-${randomUUID()}`;
  const bob = `bob-${randomUUID()}`;
  let aliceSeed: SeedSummary;
  let bobSeed: SeedSummary;
  let a: GatewayClient;
  let b: GatewayClient;

  beforeAll(async () => {
    ({ clients, names } = localStackTarget());
    dynamo = clients.dynamo;
    s3 = clients.s3;
    [aliceSeed, bobSeed, services] = await Promise.all([
      seedUser(clients, names, { userId: alice, transactions: 400, files: 6, awkward: true }),
      seedUser(clients, names, { userId: bob, transactions: 60, files: 2, awkward: false }),
      Promise.all((['gateway', 'export-service', 'file-service'] as const).map((s) => startService(s))),
    ]);
    gateway = services[0];
    a = await GatewayClient.forUser(gateway.url, alice);
    b = await GatewayClient.forUser(gateway.url, bob);
  }, 300000);

  afterAll(async () => {
    await Promise.all((services ?? []).map((s) => s.stop()));
    if (clients) destroyClients(clients);
  });

  let exportId: string;
  let packagePath: string;

  it('answers 202 with the design document\'s fields, then completes with honest progress', async () => {
    const res = await a.request<{ exportId: string; status: string; estimatedSize: string; estimatedCompletion: string }>('POST', '/export', { includeAnalytics: true, format: 'complete', description: 'Monthly backup' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'initiated', estimatedSize: expect.stringMatching(/^~\d+(\.\d)?(B|KB|MB|GB)$/) });
    expect(Date.parse(res.body.estimatedCompletion)).toBeGreaterThan(Date.now() - 1000);
    exportId = res.body.exportId;

    const seen: number[] = [];
    const done = await a.waitForExport(exportId, (s) => (seen.push(s.progress), s.status === 'completed' || s.status === 'failed'));
    expect(done).toMatchObject({ status: 'completed', progress: 100, phase: 'done' });
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(done.downloadUrl).toMatch(/^http/);
    expect(Date.parse(done.expiresAt!)).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000);
    expect(done.counts).toMatchObject({ accounts: aliceSeed.counts.accounts, transactions: aliceSeed.counts.transactions, transaction_files: aliceSeed.counts.transaction_files });
  });

  it("shows the encoder thread's heap in the export-service's metrics once it has encoded a page", async () => {
    const metrics = await (await fetch(`${services[1].url}/metrics`)).text();
    const value = (kind: string) => Number(metrics.split('\n').find((l) => l.startsWith('housef3_export_encoder_heap_bytes{') && l.includes(`kind="${kind}"`))?.split(' ').pop());
    expect(value('used')).toBeGreaterThan(0);
    expect(value('total')).toBeGreaterThanOrEqual(value('used'));
    expect(value('external')).toBeGreaterThanOrEqual(0);
  });

  it('follows the 302 to a package that verifies: every checksum, every record, counts equal what was written', async () => {
    ({ path: packagePath } = await downloadExport(a, exportId));
    const report = await verifyPackage(await fileSource(packagePath));
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.manifest!.user_id).toBe(alice);
    expect(report.manifest!.data_summary.transactions_count).toBe(aliceSeed.counts.transactions);
    expect(report.manifest!.data_summary.analytics_included).toBe(true);
  });

  it('holds every record exactly as DynamoDB holds it, for every entity', async () => {
    const reader = await openPackage(await fileSource(packagePath));
    try {
      for (const entity of ENTITIES) {
        const stored = await userRecords(dynamo, alice, entity);
        const packaged = new Map<string, string>();
        for await (const { record, issues } of reader.records(entity)) {
          expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
          packaged.set(entityIdOf(entity, record!), canonicalJson(record, recordKeyOrder(entity)));
        }
        expect(packaged.size).toBe(stored.size);
        expect([...packaged.keys()].sort()).toEqual([...stored.keys()].sort());
        for (const [id, json] of stored) expect(packaged.get(id)).toBe(json);
      }
    } finally {
      await reader.close();
    }
  });

  it('holds every original file byte for byte, the awkward ones included', async () => {
    const reader = await openPackage(await fileSource(packagePath));
    try {
      expect(reader.files.map((f) => f.fileId).sort()).toEqual(aliceSeed.files.map((f) => f.fileId).sort());
      for (const file of aliceSeed.files) {
        const stored = await s3.send(new GetObjectCommand({ Bucket: names.fileStorageBucket, Key: file.s3Key }));
        expect(await sha256Of(await reader.openFile(file.fileId))).toBe(await sha256Of(stored.Body as AsyncIterable<Uint8Array>));
      }
      const sizes = new Map(reader.files.map((f) => [f.fileId, f.size]));
      const awkward = aliceSeed.awkwardCases!;
      expect(sizes.get(awkward.emptyFileId)).toBe(0);
      expect(sizes.get(awkward.largeFileId)).toBeGreaterThanOrEqual(20 * 1024 * 1024);
      expect(awkward.unicodeFileIds.length).toBeGreaterThan(0);
      for (const id of awkward.unicodeFileIds) expect(sizes.has(id)).toBe(true);
    } finally {
      await reader.close();
    }
  });

  it('keeps a transactionHash above 2^63 exact', async () => {
    const reader = await openPackage(await fileSource(packagePath));
    try {
      const wanted = aliceSeed.awkwardCases!.transactions['hash-above-2^63'];
      let found: bigint | undefined;
      for await (const { record } of reader.records('transactions')) if (record!.transactionId === wanted) found = record!.transactionHash;
      expect(found).toBe(aliceSeed.awkwardCases!.largeHash);
      expect(found! > 2n ** 63n).toBe(true);
    } finally {
      await reader.close();
    }
  });

  it('never puts another user\'s data in the package', async () => {
    const reader = await openPackage(await fileSource(packagePath));
    try {
      const bobIds = new Set([...bobSeed.ids.accounts, ...bobSeed.ids.categories, ...bobSeed.ids.fileMaps, ...bobSeed.ids.files]);
      for (const entity of ENTITIES) {
        for await (const { record } of reader.records(entity)) expect(bobIds.has(entityIdOf(entity, record!))).toBe(false);
      }
      for (const f of reader.files) expect(bobIds.has(f.fileId)).toBe(false);
    } finally {
      await reader.close();
    }
  });

  it('answers 404 to another user for the export, its status, its download and its deletion', async () => {
    for (const [method, path] of [['GET', `/export/${exportId}/status`], ['GET', `/export/${exportId}/download`], ['DELETE', `/export/${exportId}`]] as const) {
      const res = await b.request(method, path);
      expect(res.status).toBe(404);
    }
    const list = await b.request<{ exports: Array<{ exportId: string }> }>('GET', '/export');
    expect(list.body.exports.map((e) => e.exportId)).not.toContain(exportId);
  });
});
