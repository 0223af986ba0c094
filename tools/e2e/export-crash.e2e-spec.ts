import { randomUUID } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ListMultipartUploadsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { fileSource, verifyPackage } from '@housef3/package-format';
import { ExportStatus, GatewayClient, RunningService, startService, stackEnv } from '@housef3/testing';
import { destroyClients, localStackTarget, SeedClients, SeedNames } from '../seed/seed-target';
import { seedUser, SeedSummary } from '../seed/seed-user';
import { downloadExport } from './package-download';

/**
 * Short leases, and a collection slow enough to be killed in the middle of: one date range at a
 * time, pages of 25 transactions, none read ahead (about 600 queries one after another). With the
 * defaults a fast machine collects the 15,000 transactions in under a second, between two polls
 * of the status, and the kill would land after the hand-over to the file-service instead.
 */
const LEASE = { EXPORT_LEASE_MS: '2000', EXPORT_SWEEP_INTERVAL_MS: '500', EXPORT_READ_SEGMENTS: '1', EXPORT_READ_PAGE_ITEMS: '25', EXPORT_READ_PAGES_AHEAD: '1' };

/**
 * A worker killed mid-export (SIGKILL: no clean-up, like a crash): the system takes the job over
 * once the lease passes and completes it with exactly one correct package and nothing left over.
 */
describe('export survives a crash (e2e)', () => {
  let gateway: RunningService;
  let exporter: RunningService;
  let filer: RunningService;
  let clients: SeedClients;
  let names: SeedNames;
  let seed: SeedSummary;
  let api: GatewayClient;
  const env = stackEnv();
  const user = `dave-${randomUUID()}`;

  beforeAll(async () => {
    ({ clients, names } = localStackTarget());
    [seed, gateway, exporter, filer] = await Promise.all([
      seedUser(clients, names, { userId: user, transactions: 15000, files: 6, awkward: true }),
      startService('gateway'),
      startService('export-service', LEASE),
      startService('file-service', { FILE_LEASE_MS: '2000', FILE_SWEEP_INTERVAL_MS: '500' }),
    ]);
    api = await GatewayClient.forUser(gateway.url, user);
  }, 600000);

  afterAll(async () => {
    await Promise.all([gateway, exporter, filer].filter(Boolean).map((s) => s.stop()));
    if (clients) destroyClients(clients);
  });

  async function expectOneSoundPackage(exportId: string, done: ExportStatus) {
    expect({ status: done.status, error: done.error }).toEqual({ status: 'completed', error: undefined });
    const report = await verifyPackage(await fileSource((await downloadExport(api, exportId)).path));
    expect(report.problems).toEqual([]);
    expect(report.manifest!.data_summary.transactions_count).toBe(seed.counts.transactions);
    const objects = await clients.s3.send(new ListObjectsV2Command({ Bucket: env.PACKAGES_BUCKET, Prefix: `exports/${user}/${exportId}/` }));
    expect(objects.KeyCount).toBe(1);
    for (const prefix of [`exports/${user}/${exportId}/`, `staging/${user}/${exportId}/`]) {
      const uploads = await clients.s3.send(new ListMultipartUploadsCommand({ Bucket: env.PACKAGES_BUCKET, Prefix: prefix }));
      expect(uploads.Uploads ?? []).toEqual([]);
    }
    const staging = await clients.s3.send(new ListObjectsV2Command({ Bucket: env.PACKAGES_BUCKET, Prefix: `staging/${user}/${exportId}/` }));
    expect(staging.KeyCount ?? 0).toBe(0);
    const job = await clients.dynamo.send(new GetItemCommand({ TableName: names.tables.exportJobs, Key: { exportId: { S: exportId } } }));
    return Number(job.Item!.attempt.N);
  }

  /** Polls the export's job item until a worker whose owner name starts with `owner` holds its assembly. */
  async function waitForAssemblyOwner(exportId: string, owner: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await clients.dynamo.send(new GetItemCommand({ TableName: names.tables.exportJobs, Key: { exportId: { S: exportId } }, ConsistentRead: true }));
      if (job.Item?.progress?.M?.phase?.S === 'assembling' && job.Item.leaseOwner?.S?.startsWith(owner)) return;
      if (Date.now() > deadline) throw new Error(`export ${exportId}: no ${owner} worker held its assembly within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('the export-service is killed while collecting: another instance takes the job over and completes it', async () => {
    const { body } = await api.request<{ exportId: string }>('POST', '/export', { includeAnalytics: true });
    await api.waitForExport(body.exportId, (s) => s.phase === 'collecting' && s.progressDetail.recordsDone > 0, 60000);
    await exporter.stop('SIGKILL');
    exporter = await startService('export-service', LEASE);
    const done = await api.waitForExport(body.exportId, undefined, 180000);
    expect(await expectOneSoundPackage(body.exportId, done)).toBeGreaterThanOrEqual(2);
  });

  it('the file-service is killed while it holds the package assembly: the assembly is redone into one package', async () => {
    const { body } = await api.request<{ exportId: string }>('POST', '/export', {});
    // the job table, not the status: a fast machine writes the package between two heartbeats
    await waitForAssemblyOwner(body.exportId, 'file-service:', 120000);
    await filer.stop('SIGKILL');
    filer = await startService('file-service', { FILE_LEASE_MS: '2000', FILE_SWEEP_INTERVAL_MS: '500' });
    const done = await api.waitForExport(body.exportId, undefined, 180000);
    expect(await expectOneSoundPackage(body.exportId, done)).toBeGreaterThanOrEqual(2);
  });
});
