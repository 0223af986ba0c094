import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Topics } from '@housef3/contracts';
import { bucketNames } from '@housef3/data-model';
import { GatewayClient, linesMatching, ownerOf, WORK_LINES, WORKERS } from '@housef3/testing';
import { seedUser, SeedSummary } from '../seed/seed-user';
import { exportDifferences } from './export-exactness';
import { importDifferences, userLeftovers } from './import-exactness';
import { followImport, ReplicaDeployment } from './replica-deployment';
import { importUpload, startImport } from './import-steps';
import { snapshot } from './snapshot';

const PARTITIONS = 3;

/**
 * Two replicas of every worker (export, import, file) behind one gateway, on three partitions
 * per topic, one original file per file-service command: concurrent imports and exports end
 * exact and every replica takes part; a new start is a new start; a cancel during validation
 * is honoured.
 */
describe('replicas (e2e)', () => {
  let dep: ReplicaDeployment;
  const source = `replica-src-${randomUUID()}`;
  let seed: SeedSummary;
  let pkg: Buffer;
  let pkgPath: string;

  beforeAll(async () => {
    const t0 = Date.now();
    dep = await ReplicaDeployment.start();
    const t1 = Date.now();
    seed = await seedUser(dep.clients, dep.names, { userId: source, transactions: 400, files: 6, awkward: false });
    const client = await dep.api(source);
    const { body } = await client.request<{ exportId: string }>('POST', '/export', { includeAnalytics: true });
    const done = await client.waitForExport(body.exportId, undefined, 300000);
    if (done.status !== 'completed') throw new Error(`the package for the replica tests could not be exported: ${JSON.stringify(done)}`);
    const exported = await exportDifferences(client, body.exportId, dep, seed.files);
    if (exported.problems.length) throw new Error(`the package for the replica tests is not exact: ${exported.problems.join('; ')}`);
    pkgPath = exported.path;
    pkg = readFileSync(pkgPath);
    console.log(`replica deployment up in ${t1 - t0} ms; seeded and exported in ${Date.now() - t1} ms`);
  }, 600000);

  afterAll(async () => {
    await dep?.stop();
  });

  it('10 concurrent imports (6 statement files each) and 5 concurrent exports all end exact, and every replica of every worker worked', async () => {
    const importAssignment = await dep.assignment('import-service');
    const exportAssignment = await dep.assignment('export-service');

    // At least 10 uploads, and more until every import-service replica owns the partition of
    // one of them: jobs are keyed by their id, so this spreads the work whatever ids come out.
    const imports: Array<{ client: GatewayClient; importId: string }> = [];
    const owners = () => new Set(imports.map((i) => ownerOf(importAssignment, Topics.ImportCommands, i.importId, PARTITIONS)));
    while (imports.length < 10 || (owners().size < Object.keys(importAssignment).length && imports.length < 30)) {
      const client = await dep.api(`replica-dest-${imports.length}-${randomUUID()}`);
      imports.push({ client, importId: await importUpload(client, pkg) });
    }
    const exporter = await dep.api(source);
    const exports: string[] = [];
    const requestExport = async () => {
      const res = await exporter.request<{ exportId: string }>('POST', '/export', { includeAnalytics: true });
      if (res.status !== 202) throw new Error(`export request answered ${res.status}: ${JSON.stringify(res.body)}`);
      exports.push(res.body.exportId);
    };
    await Promise.all([...imports.map((i) => startImport(i.client, i.importId, { remapIds: true })), ...Array.from({ length: 5 }, requestExport)]);
    const exportOwners = () => new Set(exports.map((id) => ownerOf(exportAssignment, Topics.ExportCommands, id, PARTITIONS)));
    while (exportOwners().size < Object.keys(exportAssignment).length && exports.length < 20) await requestExport();

    const problems: string[] = [];
    const [importsDone, exportsDone] = await Promise.all([
      Promise.all(imports.map((i) => followImport(i.client, i.importId, { timeoutMs: 420000 }))),
      Promise.all(exports.map((id) => exporter.waitForExport(id, undefined, 420000))),
    ]);
    for (const [n, done] of importsDone.entries()) {
      const { client, importId } = imports[n];
      if (done.status !== 'completed') problems.push(`import ${importId}: ${done.status} ${done.errorCode ?? ''} ${done.error ?? ''}`);
      else problems.push(...(await importDifferences(dep, pkgPath, importId, client.userId, true)).map((p) => `import ${importId}: ${p}`));
    }
    for (const [n, done] of exportsDone.entries()) {
      if (done.status !== 'completed') problems.push(`export ${exports[n]}: ${done.status} ${done.errorCode ?? ''} ${done.error ?? ''}`);
      else problems.push(...(await exportDifferences(exporter, exports[n], dep, seed.files)).problems.map((p) => `export ${exports[n]}: ${p}`));
    }
    const idle: string[] = [];
    for (const service of WORKERS) {
      try {
        dep.replicas.expectEveryReplicaWorked(service);
      } catch (e) {
        idle.push((e as Error).message);
      }
    }
    // what each replica did, for the record
    console.log(WORKERS.map((s) => `${s}: ${JSON.stringify(Object.fromEntries(Object.entries(dep.replicas.workByReplica(s)).map(([r, jobs]) => [r, jobs.length])))}`).join('\n'));
    // one assertion, so a failure shows everything at once
    expect({ problems, idle, exits: dep.replicas.unexpectedExits() }).toEqual({ problems: [], idle: [], exits: [] });
  }, 900000);

  it('no import changed hands in that normal work: no replica resumed another one\'s import', () => {
    const resumed = dep.replicas.of('import-service').flatMap((r) => linesMatching(r.output(), 'import resumed from its checkpoint').map((l) => `${r.id}: ${l.jobId}`));
    expect(resumed).toEqual([]);
  });

  it('validateOnly three times, then a real start: the import completes, exact', async () => {
    const client = await dep.api(`revalidate-${randomUUID()}`);
    const importId = await importUpload(client, pkg);
    for (let round = 1; round <= 3; round++) {
      await startImport(client, importId, { validateOnly: true, remapIds: true });
      const validated = await followImport(client, importId, { until: (s) => s.status === 'validation_passed' || s.status === 'validation_failed' });
      expect({ round, status: validated.status, errors: validated.errors }).toEqual({ round, status: 'validation_passed', errors: [] });
    }
    await startImport(client, importId, { remapIds: true });
    const done = await followImport(client, importId, { until: (s) => !['validation_passed', 'validating', 'processing'].includes(s.status) });
    expect({ status: done.status, errorCode: done.errorCode, error: done.error }).toEqual({ status: 'completed', errorCode: undefined, error: undefined });
    expect(await importDifferences(dep, pkgPath, importId, client.userId, true)).toEqual([]);
  }, 300000);

  it.each([false, true])('a cancel during validation ends cancelled, with nothing written (validateOnly: %s)', async (validateOnly) => {
    const client = await dep.api(`cancel-validating-${randomUUID()}`);
    const buckets = bucketNames(dep.prefix);
    const snap = () => snapshot(dep.dynamo, dep.s3, dep.prefix, [buckets.fileStorage, buckets.packages], { tables: ['export-jobs', 'import-jobs'], keyPrefixes: ['imports/', 'exports/', 'staging/'] });
    const importId = await importUpload(client, pkg);
    const before = await snap();
    // hold every read of the uploaded package for 3 s, so validation is surely still running when the cancel comes
    const slowPackage = dep.s3Proxy.slow(3000, { match: { method: 'GET', bucket: buckets.packages, keyPrefix: 'imports/' } });
    try {
      await startImport(client, importId, { remapIds: true, validateOnly });
      const seen = new Set<string>();
      await followImport(client, importId, { until: (s) => s.status === 'validating', seen });
      // a worker is reading the package (held by the proxy): validation is surely running now
      const reading = Date.now() + 120000;
      while (slowPackage.hits === 0 && Date.now() < reading) await new Promise((r) => setTimeout(r, 100));
      const cancel = await client.request('POST', `/import/${importId}/cancel`);
      expect({ status: cancel.status, body: cancel.body }).toEqual({ status: 202, body: expect.anything() });
    } finally {
      slowPackage.clear();
    }
    expect(slowPackage.hits).toBeGreaterThan(0);
    const done = await followImport(client, importId);
    expect({ status: done.status, errorCode: done.errorCode }).toEqual({ status: 'cancelled', errorCode: 'CANCELLED' });
    expect(await userLeftovers(dep, client.userId)).toEqual([]);
    expect(await snap()).toEqual(before);
  }, 300000);

  it('every work line the replica tests count is one the services print', () => {
    // the lines of WORK_LINES were seen at least once in this run (a renamed line would make the counting blind)
    for (const service of WORKERS) {
      const seen = new Set(dep.replicas.of(service).flatMap((r) => linesMatching(r.output(), /./).map((l) => l.msg)));
      expect({ service, missing: WORK_LINES[service].filter((m) => !seen.has(m)) }).toEqual({ service, missing: [] });
    }
  });
});
