import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { DeleteItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { Topics } from '@housef3/contracts';
import { bucketNames, tableNames } from '@housef3/data-model';
import { canonicalJson, computeTransactionHash, EntityName, fileSource, openPackage, recordKeyOrder } from '@housef3/package-format';
import {
  GatewayClient, KafkaObserver, WORKLOAD_LIMITS, REPO_ROOT, RunningService, startService, stackEnv, uploadAndStartImport, userRecords, waitForImport,
} from '@housef3/testing';
import { newIdFor, targetFileKey, transformForImport } from '@housef3/import-domain';
import { createBuckets } from '../stack/s3.server';
import { createTables } from '../stack/dynamodb.server';
import { destroyClients, localStackTarget, SeedClients, SeedNames } from '../seed/seed-target';
import { seedUser, SeedSummary } from '../seed/seed-user';
import { downloadExport, sha256Of } from './package-download';
import { snapshot } from './snapshot';

const ENTITIES: EntityName[] = [
  'accounts', 'transactions', 'categories', 'file_maps', 'transaction_files', 'analytics',
  'user_preferences', 'recurring_charge_patterns', 'recurring_charge_predictions', 'pattern_feedback',
];
const FAST = { IMPORT_LEASE_MS: '2000', IMPORT_SWEEP_INTERVAL_MS: '500', IMPORT_CHUNK_RECORDS: '100' };
/** Services start slowly on a busy machine. */
const READY_MS = 240000;

/**
 * Import end to end through the gateway on the real stack: round trips, merge strategies,
 * failures in every step, crashes, other users' ids, hostile packages.
 */
describe('import (e2e)', () => {
  // This suite runs against a deployment of its own (table prefix, buckets, consumer groups), so
  // its snapshots of every table and bucket are complete and fast whatever else the stack holds.
  const prefix = `housef3-i${Date.now().toString(36)}`;
  const env = { ...stackEnv(), TABLE_PREFIX: prefix, FILE_STORAGE_BUCKET: bucketNames(prefix).fileStorage, PACKAGES_BUCKET: bucketNames(prefix).packages };
  const deployment = (service: string) => ({ TABLE_PREFIX: env.TABLE_PREFIX, FILE_STORAGE_BUCKET: env.FILE_STORAGE_BUCKET, PACKAGES_BUCKET: env.PACKAGES_BUCKET, KAFKA_GROUP_ID: `${service}-${prefix}` });
  let clients: SeedClients;
  let names: SeedNames;
  let gateway: RunningService;
  let exporter: RunningService;
  let importer: RunningService;
  let filer: RunningService;
  let observer: KafkaObserver;
  const source = `src-${randomUUID()}`;
  let seed: SeedSummary;
  let pkg: Buffer;
  let pkgPath: string;

  const api = (user: string) => GatewayClient.forUser(gateway.url, user);
  const packages = bucketNames(env.TABLE_PREFIX);
  const snap = () => snapshot(clients.dynamo, clients.s3, env.TABLE_PREFIX, [packages.fileStorage, packages.packages], { tables: ['export-jobs', 'import-jobs'], keyPrefixes: ['imports/'] });
  const restartImporter = async (extra: Record<string, string> = {}) => {
    await importer?.stop();
    importer = await startService('import-service', { ...deployment('import-service'), ...FAST, ...extra }, READY_MS);
  };

  beforeAll(async () => {
    ({ clients, names } = localStackTarget(env));
    await createTables(clients.dynamo, prefix);
    await createBuckets(clients.s3, [env.FILE_STORAGE_BUCKET, env.PACKAGES_BUCKET]);
    [seed, gateway, exporter, importer, filer, observer] = await Promise.all([
      seedUser(clients, names, { userId: source, transactions: 300, files: 4, awkward: true }),
      startService('gateway', { ...deployment('gateway'), ...WORKLOAD_LIMITS }, READY_MS), startService('export-service', deployment('export-service'), READY_MS),
      startService('import-service', { ...deployment('import-service'), ...FAST }, READY_MS), startService('file-service', deployment('file-service'), READY_MS),
      KafkaObserver.watch([Topics.ImportEvents]),
    ]);
    const a = await api(source);
    const { body } = await a.request<{ exportId: string }>('POST', '/export', { includeAnalytics: true });
    expect((await a.waitForExport(body.exportId)).status).toBe('completed');
    pkgPath = (await downloadExport(a, body.exportId)).path;
    pkg = readFileSync(pkgPath);
  }, 900000);

  afterAll(async () => {
    await observer?.close();
    await Promise.all([gateway, exporter, importer, filer].filter(Boolean).map((s) => s.stop()));
    if (clients) destroyClients(clients);
  });

  /** What `user` should hold after importing the package (as canonical JSON per entity). */
  async function expectedRecords(importId: string, user: string, remapIds: boolean): Promise<Record<string, string[]>> {
    const reader = await openPackage(await fileSource(pkgPath));
    const out: Record<string, string[]> = {};
    try {
      for (const entity of ENTITIES) {
        out[entity] = [];
        for await (const { record } of reader.records(entity)) {
          out[entity].push(canonicalJson(transformForImport(entity, record!, { importId, userId: user, remapIds }), recordKeyOrder(entity)));
        }
        out[entity].sort();
      }
    } finally {
      await reader.close();
    }
    return out;
  }

  async function expectExactly(importId: string, user: string, remapIds: boolean, tablePrefix = prefix, fileBucket = packages.fileStorage) {
    const expected = await expectedRecords(importId, user, remapIds);
    for (const entity of ENTITIES) {
      const stored = [...(await userRecords(clients.dynamo, user, entity, tablePrefix)).values()].sort();
      expect({ entity, records: stored }).toEqual({ entity, records: expected[entity] });
    }
    const reader = await openPackage(await fileSource(pkgPath));
    try {
      const fileNames = new Map<string, string>();
      for await (const { record } of reader.records('transaction_files')) fileNames.set(record!.fileId, record!.fileName);
      for (const f of reader.files) {
        const key = targetFileKey(user, remapIds ? newIdFor(importId, 'transaction_files', f.fileId) : f.fileId, fileNames.get(f.fileId)!);
        const head = await clients.s3.send(new HeadObjectCommand({ Bucket: fileBucket, Key: key }));
        expect(head.Metadata?.fileid).toBeUndefined();
        const body = await clients.s3.send(new GetObjectCommand({ Bucket: fileBucket, Key: key }));
        expect(`sha256:${await sha256Of(body.Body as AsyncIterable<Uint8Array>)}`).toBe(f.checksum);
      }
    } finally {
      await reader.close();
    }
  }

  it('(a) restores a seeded user\'s export into an empty user with remapIds: every record and file equal, ids and userId aside', async () => {
    const dest = `dest-${randomUUID()}`;
    const client = await api(dest);
    const importId = await uploadAndStartImport(client, pkg, { remapIds: true });
    const done = await waitForImport(client, importId);
    expect({ status: done.status, error: done.error }).toEqual({ status: 'completed', error: undefined });
    expect(done.summary.transactions_created).toBe(seed.counts.transactions);
    expect(done.summary.files_restored).toBe(seed.files.length);
    await expectExactly(importId, dest, true);
    for (const json of (await userRecords(clients.dynamo, dest, 'transactions', prefix)).values()) {
      const t = JSON.parse(json.replace(/"transactionHash":(\d+)/, '"transactionHash":"$1"'));
      expect(computeTransactionHash(t.accountId, t.date, t.amount, t.description).toString()).toBe(t.transactionHash);
    }
    const [event] = await observer.waitFor((m) => m.key === importId && m.json<{ type: string }>().type === 'import.completed');
    expect(event.json<{ payload: { counts: { transactions: { created: number } }; regenerateAnalytics: boolean; idsRemapped: boolean } }>().payload)
      .toMatchObject({ counts: { transactions: { created: seed.counts.transactions } }, regenerateAnalytics: false, idsRemapped: true });
  });

  it('validateOnly and fail_on_conflict change nothing; skip_existing skips; overwrite puts the exported state back', async () => {
    const client = await api(source);
    const before = await snap();
    const validated = await waitForImport(client, await uploadAndStartImport(client, pkg, { validateOnly: true, mergeStrategy: 'skip_existing' }));
    expect(validated.status).toBe('validation_passed');
    expect(validated.validationSummary!.transactions).toMatchObject({ valid: seed.counts.transactions, errors: 0 });
    expect(await snap()).toEqual(before);

    const conflict = await waitForImport(client, await uploadAndStartImport(client, pkg, { mergeStrategy: 'fail_on_conflict' }));
    expect(conflict.status).toBe('validation_failed');
    expect(conflict.errors[0].message).toMatch(/exists/);
    expect(await snap()).toEqual(before);

    const skipped = await waitForImport(client, await uploadAndStartImport(client, pkg, { mergeStrategy: 'skip_existing' }));
    expect(skipped.status).toBe('completed');
    expect(skipped.summary.transactions_skipped).toBe(seed.counts.transactions);
    expect(skipped.summary.transactions_created).toBe(0);
    expect(await snap()).toEqual(before);

    // change the user's data, then overwrite it back from the package
    const account = [...(await userRecords(clients.dynamo, source, 'accounts', prefix)).keys()][0];
    await clients.dynamo.send(new UpdateItemCommand({ TableName: names.tables.accounts, Key: { accountId: { S: account } }, UpdateExpression: 'SET accountName = :n', ExpressionAttributeValues: { ':n': { S: 'changed' } } }));
    const transaction = [...(await userRecords(clients.dynamo, source, 'transactions', prefix)).keys()][0];
    await clients.dynamo.send(new DeleteItemCommand({ TableName: names.tables.transactions, Key: { transactionId: { S: transaction } } }));
    const upload = await client.request<{ importId: string }>('POST', '/import/upload', { size: pkg.length });
    const refused = await client.request<{ code: string; message: string }>('POST', `/import/${upload.body.importId}/start`, { mergeStrategy: 'overwrite' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/overwriteExisting/);
    const overwritten = await waitForImport(client, await uploadAndStartImport(client, pkg, { mergeStrategy: 'overwrite', overwriteExisting: true }));
    expect(overwritten.status).toBe('completed');
    expect(overwritten.summary.transactions_created).toBe(1);
    expect(overwritten.summary.transactions_updated).toBe(seed.counts.transactions - 1);
    expect(await snap()).toEqual(before);
  });

  it('leaves another user\'s data untouched under every strategy when a package carries their ids', async () => {
    const stranger = await api(`stranger-${randomUUID()}`);
    const before = await snap();
    for (const options of [{ mergeStrategy: 'fail_on_conflict' }, { mergeStrategy: 'skip_existing' }, { mergeStrategy: 'overwrite', overwriteExisting: true }]) {
      const done = await waitForImport(stranger, await uploadAndStartImport(stranger, pkg, options));
      expect(done.status).toBe('validation_failed');
      expect(done.errors.map((e) => e.message).join(' ')).toMatch(/another user/);
      expect(JSON.stringify(done)).not.toContain(source);
    }
    expect(await snap()).toEqual(before);
  });

  it.each([
    'categories', 'file_maps', 'accounts', 'transaction_files', 'files', 'transactions', 'analytics',
    'user_preferences', 'recurring_charge_patterns', 'recurring_charge_predictions', 'pattern_feedback', 'verify',
  ])(
    'a failure injected after the %s step leaves every table and bucket exactly as before',
    async (step) => {
      await restartImporter({ IMPORT_FAULT_AT: `${step}:0` });
      const dest = await api(`fault-${randomUUID()}`);
      const before = await snap();
      const done = await waitForImport(dest, await uploadAndStartImport(dest, pkg, { remapIds: true }));
      expect({ status: done.status, errorCode: done.errorCode }).toEqual({ status: 'failed', errorCode: 'INJECTED_FAULT' });
      expect(await snap()).toEqual(before);
    },
    360000,
  );

  it('a compensation that always fails ends compensation_failed after its bounded attempts, counted for the alert', async () => {
    await restartImporter({ IMPORT_FAULT_AT: 'transactions:0', IMPORT_FAULT_COMPENSATION: 'true', IMPORT_MAX_COMPENSATION_ATTEMPTS: '3', IMPORT_RETRY_BASE_MS: '100', IMPORT_RETRY_MAX_MS: '500' });
    const dest = await api(`stuck-${randomUUID()}`);
    const importId = await uploadAndStartImport(dest, pkg, { remapIds: true });
    const deadline = Date.now() + 240000;
    let last: { status?: string; errorCode?: string; failedStep?: string } = {};
    while (Date.now() < deadline) {
      last = (await dest.request<typeof last>('GET', `/import/${importId}/status`)).body;
      if (last.status === 'compensation_failed') break;
      expect(['validating', 'processing', 'compensating']).toContain(last.status);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(last).toMatchObject({ status: 'compensation_failed', errorCode: 'INJECTED_FAULT', failedStep: 'transactions' });
    const metrics = await (await fetch(`${importer.url}/metrics`)).text();
    const counted = metrics.split('\n').filter((l) => l.startsWith('housef3_jobs_total{') && l.includes('kind="import"') && l.includes('status="compensation_failed"'));
    expect(counted.map((l) => l.split(' ').pop())).toEqual(['1']);
    // the job stays where it is (terminal for the machine; an operator resumes it, docs/operations.md)
    await new Promise((r) => setTimeout(r, 2000));
    expect((await dest.request<typeof last>('GET', `/import/${importId}/status`)).body.status).toBe('compensation_failed');
    await restartImporter();
  }, 300000);

  it('survives the import-service being killed at random points: each import ends completed and exact, or failed with nothing left', async () => {
    await restartImporter();
    for (const delay of [400, 1200, 2500]) {
      const user = `crash-${randomUUID()}`;
      const dest = await api(user);
      const importId = await uploadAndStartImport(dest, pkg, { remapIds: true });
      await new Promise((r) => setTimeout(r, delay));
      await importer.stop('SIGKILL');
      await restartImporter();
      const done = await waitForImport(dest, importId);
      if (done.status === 'completed') {
        await expectExactly(importId, user, true);
      } else {
        expect(done.status).toBe('failed');
        for (const entity of ENTITIES) expect((await userRecords(clients.dynamo, user, entity, prefix)).size).toBe(0);
      }
    }
  }, 300000);

  it('survives the file-service being killed while it restores files: the chunk is redelivered and the import ends exact', async () => {
    await restartImporter({ IMPORT_FILES_PER_CHUNK: '1' });
    const user = `filekill-${randomUUID()}`;
    const dest = await api(user);
    const importId = await uploadAndStartImport(dest, pkg, { remapIds: true });
    const deadline = Date.now() + 60000;
    for (;;) {
      const s = (await dest.request<{ status: string; currentPhase: string }>('GET', `/import/${importId}/status`)).body;
      if (s.currentPhase === 'restoring_files') break;
      if (s.status !== 'validating' && s.status !== 'processing') throw new Error(`the import left before its files step: ${JSON.stringify(s)}`);
      if (Date.now() > deadline) throw new Error('the import never reached its files step');
      await new Promise((r) => setTimeout(r, 100));
    }
    await filer.stop('SIGKILL');
    filer = await startService('file-service', deployment('file-service'));
    const done = await waitForImport(dest, importId);
    expect({ status: done.status, error: done.error }).toEqual({ status: 'completed', error: undefined });
    await expectExactly(importId, user, true);
    await restartImporter();
  }, 300000);

  it('cancels an import: what it wrote is compensated and it ends cancelled', async () => {
    const dest = await api(`cancel-${randomUUID()}`);
    const before = await snap();
    const importId = await uploadAndStartImport(dest, pkg, { remapIds: true });
    const cancel = await dest.request<{ status: string }>('POST', `/import/${importId}/cancel`);
    expect(cancel.status).toBe(202);
    const done = await waitForImport(dest, importId);
    expect({ status: done.status, errorCode: done.errorCode }).toEqual({ status: 'cancelled', errorCode: 'CANCELLED' });
    expect(await snap()).toEqual(before);
    expect((await dest.request('POST', `/import/${importId}/cancel`)).status).toBe(409);
    const other = await api(`other-${randomUUID()}`);
    expect((await other.request('POST', `/import/${importId}/cancel`)).status).toBe(404);
  });

  it('refuses every hostile package of the package-format corpus with its reason, writing nothing', async () => {
    const dir = join(REPO_ROOT, 'libs/package-format/test/corpus/packages');
    const dest = await api(`hostile-${randomUUID()}`);
    const before = await snap();
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.zip'))) {
      const done = await waitForImport(dest, await uploadAndStartImport(dest, readFileSync(join(dir, name)), { remapIds: true }));
      expect({ name, status: done.status }).toEqual({ name, status: 'validation_failed' });
      expect(done.errors.length).toBeGreaterThan(0);
      expect(done.errors[0].message.length).toBeGreaterThan(10);
    }
    expect(await snap()).toEqual(before);
  }, 300000);

  it('(b) restores into a second, empty set of tables and buckets with ids kept: every record and file equal', async () => {
    // only the second deployment's services run now (another group, other tables and buckets)
    await Promise.all([gateway.stop(), exporter.stop(), importer.stop(), filer.stop()]);
    const second = `housef3-b${Date.now().toString(36)}`;
    const b = bucketNames(second);
    await createTables(clients.dynamo, second);
    await createBuckets(clients.s3, [b.fileStorage, b.packages]);
    const other = { TABLE_PREFIX: second, FILE_STORAGE_BUCKET: b.fileStorage, PACKAGES_BUCKET: b.packages };
    const group = (s: string) => ({ ...other, KAFKA_GROUP_ID: `${s}-${second}` });
    [gateway, importer, filer] = await Promise.all([
      startService('gateway', { ...group('gateway'), ...WORKLOAD_LIMITS }), startService('import-service', { ...FAST, ...group('import-service') }), startService('file-service', group('file-service')),
    ]);
    exporter = await startService('export-service', group('export-service'));
    const client = await api(source);
    const importId = await uploadAndStartImport(client, pkg, {});
    const done = await waitForImport(client, importId);
    expect({ status: done.status, error: done.error }).toEqual({ status: 'completed', error: undefined });
    await expectExactly(importId, source, false, second, b.fileStorage);
    expect(tableNames(second).accounts).toBe(`${second}-accounts`);
  }, 300000);
});
