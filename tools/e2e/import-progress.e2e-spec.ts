import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { bucketNames } from '@housef3/data-model';
import { GatewayClient, ImportStatusView, RunningService, startService, stackEnv, uploadAndStartImport } from '@housef3/testing';
import { createBuckets } from '../stack/s3.server';
import { createTables } from '../stack/dynamodb.server';
import { destroyClients, localStackTarget, SeedClients } from '../seed/seed-target';
import { writeSeededPackage } from './seeded-package';

const TRANSACTIONS = 100_000;
const STATEMENT_FILES = 6;
const POLL_MS = 250;
const READY_MS = 240000;
const FINAL = ['validation_passed', 'validation_failed', 'completed', 'failed', 'cancelled', 'compensation_failed'];

interface Sample {
  at: number;
  status: string;
  progress: number;
  phase: string;
}

/**
 * The progress a user watches during a large import, as the API reports it: a package of 100,000
 * transactions (and its statement files) imported through the gateway into another user with
 * remapIds, its status polled every 250 ms from start to end. The progress must start low, end at
 * 100, never go back, never jump more than 15 points between two polls, and move while the job
 * validates and while it verifies. The services run with their default settings (lease, chunk
 * size), as deployed.
 */
describe('import progress of a 100,000-transaction package (e2e)', () => {
  const prefix = `housef3-p${Date.now().toString(36)}`;
  const env = { ...stackEnv(), TABLE_PREFIX: prefix, FILE_STORAGE_BUCKET: bucketNames(prefix).fileStorage, PACKAGES_BUCKET: bucketNames(prefix).packages };
  const deployment = (service: string) => ({ TABLE_PREFIX: env.TABLE_PREFIX, FILE_STORAGE_BUCKET: env.FILE_STORAGE_BUCKET, PACKAGES_BUCKET: env.PACKAGES_BUCKET, KAFKA_GROUP_ID: `${service}-${prefix}` });
  let clients: SeedClients;
  let services: RunningService[] = [];
  let gatewayUrl: string;
  let pkgPath: string;

  beforeAll(async () => {
    ({ clients } = localStackTarget(env));
    await createTables(clients.dynamo, prefix);
    await createBuckets(clients.s3, [env.FILE_STORAGE_BUCKET, env.PACKAGES_BUCKET]);
    const started = Date.now();
    const [pkg, ...running] = await Promise.all([
      writeSeededPackage({ userId: `progress-src-${randomUUID()}`, transactions: TRANSACTIONS, files: STATEMENT_FILES }),
      startService('gateway', deployment('gateway'), READY_MS),
      startService('import-service', deployment('import-service'), READY_MS),
      startService('file-service', deployment('file-service'), READY_MS),
    ]);
    services = running;
    gatewayUrl = running[0]!.url;
    pkgPath = pkg.path;
    expect(pkg.written.manifest.record_counts.transactions).toBe(TRANSACTIONS);
    process.stdout.write(`[import-progress] package of ${pkg.written.size} bytes written and services ready in ${Date.now() - started} ms\n`);
  }, 600000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    if (clients) destroyClients(clients);
    if (pkgPath) rmSync(dirname(pkgPath), { recursive: true, force: true });
  });

  it('reports progress that starts low, ends at 100, never decreases, never jumps, and moves while validating and while writing and reading back the transactions', async () => {
    const user = `progress-${randomUUID()}`;
    const client = await GatewayClient.forUser(gatewayUrl, user);
    const started = Date.now();
    const importId = await uploadAndStartImport(client, readFileSync(pkgPath), { remapIds: true });
    const samples: Sample[] = [];
    let last: ImportStatusView | undefined;
    const deadline = Date.now() + 30 * 60_000;
    for (;;) {
      const res = await client.request<ImportStatusView>('GET', `/import/${importId}/status`);
      expect(res.status).toBe(200);
      last = res.body;
      samples.push({ at: Date.now() - started, status: last.status, progress: last.progress, phase: last.currentPhase });
      if (FINAL.includes(last.status)) break;
      if (Date.now() > deadline) throw new Error(`import ${importId} did not end in 30 minutes; last: ${JSON.stringify(last).slice(0, 500)}`);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const elapsed = Date.now() - started;

    const jumps = samples.slice(1).map((s, i) => s.progress - samples[i]!.progress);
    const maxJump = Math.max(0, ...jumps);
    const phases = new Map<string, { from: number; to: number; samples: number; values: number[] }>();
    for (const s of samples) {
      const p = phases.get(s.phase) ?? { from: s.at, to: s.at, samples: 0, values: [] };
      p.to = s.at;
      p.samples++;
      if (!p.values.includes(s.progress)) p.values.push(s.progress);
      phases.set(s.phase, p);
    }
    process.stdout.write(
      `[import-progress] ${samples.length} samples over ${elapsed} ms, max jump ${maxJump} points; phases: ${[...phases]
        .map(([name, p]) => `${name} ${p.from}-${p.to} ms (${p.samples} samples, progress ${p.values.join(',')})`)
        .join('; ')}\n`,
    );
    const trace = () => samples.map((s) => `${s.at}:${s.phase}:${s.progress}`).join(' ');

    expect({ status: last!.status, error: last!.error, errors: last!.errors }).toEqual({ status: 'completed', error: undefined, errors: [] });
    expect(last!.summary['transactions_created']).toBe(TRANSACTIONS);
    expect(last!.summary['files_restored']).toBe(STATEMENT_FILES);

    // starts low, ends at 100, never goes back, never jumps
    expect(samples[0]!.progress).toBeLessThan(15);
    expect(samples.at(-1)!.progress).toBe(100);
    const decreases = jumps.flatMap((d, i) => (d < 0 ? [`${samples[i]!.progress} -> ${samples[i + 1]!.progress} at ${samples[i + 1]!.at} ms`] : []));
    expect({ decreases }).toEqual({ decreases: [] });
    const bigJumps = jumps.flatMap((d, i) => (d > 15 ? [`${samples[i]!.phase}:${samples[i]!.progress} -> ${samples[i + 1]!.phase}:${samples[i + 1]!.progress} at ${samples[i + 1]!.at} ms`] : []));
    expect({ bigJumps, trace: bigJumps.length ? trace() : '' }).toEqual({ bigJumps: [], trace: '' });

    // moves inside validation and inside the transactions step (its writes and their read-back,
    // chunk by chunk; the final verification reads back the statement files only, too short to
    // sample reliably): at least two values strictly between where the phase starts and where the next one starts
    for (const phase of ['validating', 'restoring_transactions']) {
      const first = samples.findIndex((s) => s.phase === phase);
      const lastIndex = samples.map((s) => s.phase).lastIndexOf(phase);
      expect({ phase, seen: first >= 0 }).toEqual({ phase, seen: true });
      const start = first > 0 ? samples[first - 1]!.progress : 0;
      const end = samples[lastIndex + 1]?.progress ?? 100;
      const inside = new Set(samples.slice(first, lastIndex + 1).filter((s) => s.phase === phase && s.progress > start && s.progress < end).map((s) => s.progress));
      expect({ phase, start, end, distinctInside: inside.size >= 2, values: [...inside] }).toEqual({ phase, start, end, distinctInside: true, values: [...inside] });
    }
  }, 35 * 60_000);
});
