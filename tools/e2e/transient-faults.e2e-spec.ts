import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GatewayClient, linesMatching } from '@housef3/testing';
import { seedUser } from '../seed/seed-user';
import { restartKafka } from '../stack/kafka.server';
import { stackConfig } from '../stack/stack-config';
import { exportDifferences } from './export-exactness';
import { importDifferences } from './import-exactness';
import { importUpload, startImport } from './import-steps';
import { followImport, ReplicaDeployment } from './replica-deployment';

const FAULT_MS = 15000;

/**
 * Transient faults in the middle of an import, with two replicas of every worker: DynamoDB
 * throttling every call for 15 s, the S3 server answering 503 for 15 s, a broker restart. Each
 * import ends completed and exact, with no compensation and no process exit.
 */
describe('transient faults (e2e)', () => {
  let dep: ReplicaDeployment;
  let pkg: Buffer;
  let pkgPath: string;

  beforeAll(async () => {
    dep = await ReplicaDeployment.start();
    const source = `faults-src-${randomUUID()}`;
    const seed = await seedUser(dep.clients, dep.names, { userId: source, transactions: 3000, files: 10, awkward: false });
    const client = await dep.api(source);
    const { body } = await client.request<{ exportId: string }>('POST', '/export', { includeAnalytics: true });
    const done = await client.waitForExport(body.exportId, undefined, 300000);
    if (done.status !== 'completed') throw new Error(`the package for the fault tests could not be exported: ${JSON.stringify(done)}`);
    const exported = await exportDifferences(client, body.exportId, dep, seed.files);
    if (exported.problems.length) throw new Error(`the package for the fault tests is not exact: ${exported.problems.join('; ')}`);
    pkgPath = exported.path;
    pkg = readFileSync(pkgPath);
  }, 600000);

  afterEach(async () => {
    dep?.dynamoProxy.clearFaults();
    dep?.s3Proxy.clearFaults();
    // a test that made a process exit failed already; the next one starts with every replica up
    await dep?.restartDown();
  }, 300000);

  afterAll(async () => {
    await dep?.stop();
  });

  /**
   * Starts an import, waits for `phase`, runs `fault`, and checks the import ends completed and
   * exact, never compensating, with every process still the one that started.
   */
  async function importThrough(phase: string, fault: (client: GatewayClient, importId: string) => Promise<void>): Promise<void> {
    const client = await dep.api(`faults-${randomUUID()}`);
    const importId = await importUpload(client, pkg);
    const starts = dep.replicas.all.map((r) => r.starts);
    const exitsBefore = dep.replicas.unexpectedExits().length;
    const newExits = () => dep.replicas.unexpectedExits().slice(exitsBefore);
    const failIf = () => (newExits().length ? `processes exited: ${JSON.stringify(newExits().map((e) => ({ ...e, tail: e.tail.slice(-1500) })))}` : undefined);
    const seen = new Set<string>();
    await startImport(client, importId, { remapIds: true });
    await followImport(client, importId, { until: (s) => s.currentPhase === phase, seen, failIf });
    await fault(client, importId);
    const done = await followImport(client, importId, { seen, timeoutMs: 300000, failIf });
    expect({ status: done.status, errorCode: done.errorCode, error: done.error, exits: newExits().map((e) => e.replica) }).toEqual({ status: 'completed', errorCode: undefined, error: undefined, exits: [] });
    expect(dep.replicas.all.map((r) => r.starts)).toEqual(starts);
    // never compensated: no such status on the way, no compensation logged by any worker for it
    expect([...seen].filter((s) => /compensat|rolling_back|failed|cancel/.test(s))).toEqual([]);
    const compensations = dep.replicas.workers().flatMap((r) => linesMatching(r.output(), /compensat|rolled back|rolling back/i).filter((l) => l.jobId === importId).map((l) => `${r.id}: ${l.msg}`));
    expect(compensations).toEqual([]);
    expect(await importDifferences(dep, pkgPath, importId, client.userId, true)).toEqual([]);
  }

  it('DynamoDB throttling every call for 15 s during the transactions step', async () => {
    let hits = 0;
    let phaseInFault = '';
    await importThrough('restoring_transactions', async (client, importId) => {
      const fault = dep.dynamoProxy.throttle({ forMs: FAULT_MS });
      phaseInFault = (await client.request<{ currentPhase: string }>('GET', `/import/${importId}/status`)).body.currentPhase;
      const deadline = Date.now() + FAULT_MS + 5000;
      while (fault.active && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      hits = fault.hits;
    });
    // the fault started while the import was still writing transactions, and met DynamoDB calls
    expect({ phaseInFault, faulted: hits > 0 }).toEqual({ phaseInFault: 'restoring_transactions', faulted: true });
  }, 420000);

  it('the S3 server answering 503 SlowDown for 15 s during the files step', async () => {
    let hits = 0;
    let phaseInFault = '';
    await importThrough('restoring_files', async (client, importId) => {
      const fault = dep.s3Proxy.slowDown({ forMs: FAULT_MS });
      phaseInFault = (await client.request<{ currentPhase: string }>('GET', `/import/${importId}/status`)).body.currentPhase;
      const deadline = Date.now() + FAULT_MS + 5000;
      while (fault.active && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      hits = fault.hits;
    });
    // the fault started while the import was still restoring its files, and met S3 calls
    expect({ phaseInFault, faulted: hits > 0 }).toEqual({ phaseInFault: 'restoring_files', faulted: true });
  }, 420000);

  it('a Kafka broker restart during the files step', async () => {
    let phaseWhileDown = '';
    await importThrough('restoring_files', async (client, importId) => {
      await restartKafka(stackConfig(), {
        whileDown: async () => {
          phaseWhileDown = (await client.request<{ currentPhase: string }>('GET', `/import/${importId}/status`)).body.currentPhase;
        },
      });
    });
    // the broker was down while the import was still restoring its files
    expect(phaseWhileDown).toBe('restoring_files');
  }, 420000);
});
