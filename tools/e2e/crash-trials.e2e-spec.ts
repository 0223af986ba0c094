import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { seedUser } from '../seed/seed-user';
import { exportDifferences } from './export-exactness';
import { importDifferences, userLeftovers } from './import-exactness';
import { importUpload, startImport } from './import-steps';
import { followImport, ReplicaDeployment } from './replica-deployment';

const TRIALS = 10;
/** after the killed process is back, every import must be final within this */
const SETTLE_MS = 120000;

/** A small deterministic generator, so a failing series can be replayed with CRASH_TRIALS_SEED. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Ten trials, two replicas of every worker: SIGKILL of a random one of the six worker processes
 * at a random moment of an import, and the process started again. Each import ends completed and
 * exact, or failed with nothing left; no import stays unfinished 2 minutes after the process is back.
 */
describe('crash trials (e2e)', () => {
  let dep: ReplicaDeployment;
  let pkg: Buffer;
  let pkgPath: string;
  /** how long an import takes here undisturbed: the random moments fall inside it */
  let importMs: number;
  const seed = Number(process.env.CRASH_TRIALS_SEED ?? randomInt(2 ** 31));

  beforeAll(async () => {
    dep = await ReplicaDeployment.start();
    const source = `crash-src-${randomUUID()}`;
    const seeded = await seedUser(dep.clients, dep.names, { userId: source, transactions: 600, files: 5, awkward: false });
    const client = await dep.api(source);
    const { body } = await client.request<{ exportId: string }>('POST', '/export', { includeAnalytics: true });
    const done = await client.waitForExport(body.exportId, undefined, 300000);
    if (done.status !== 'completed') throw new Error(`the package for the crash trials could not be exported: ${JSON.stringify(done)}`);
    const exported = await exportDifferences(client, body.exportId, dep, seeded.files);
    if (exported.problems.length) throw new Error(`the package for the crash trials is not exact: ${exported.problems.join('; ')}`);
    pkgPath = exported.path;
    pkg = readFileSync(pkgPath);

    // one undisturbed import: proves the baseline and measures the window the kills fall into
    const dest = await dep.api(`crash-baseline-${randomUUID()}`);
    const importId = await importUpload(dest, pkg);
    const started = Date.now();
    await startImport(dest, importId, { remapIds: true });
    const baseline = await followImport(dest, importId);
    importMs = Date.now() - started;
    if (baseline.status !== 'completed') throw new Error(`the undisturbed import ended ${baseline.status}: ${baseline.errorCode} ${baseline.error}`);
  }, 600000);

  afterAll(async () => {
    await dep?.stop();
  });

  it(`${TRIALS} trials: SIGKILL of a random worker at a random moment of an import; each ends completed and exact, or failed with nothing left`, async () => {
    const random = generator(seed);
    const workers = dep.replicas.workers();
    const problems: string[] = [];
    const record: string[] = [];
    const stuck = new Set<string>();
    for (let trial = 1; trial <= TRIALS; trial++) {
      const victim = workers[Math.floor(random() * workers.length)];
      const delayMs = Math.floor(random() * importMs);
      const dest = await dep.api(`crash-${trial}-${randomUUID()}`);
      const importId = await importUpload(dest, pkg);
      await startImport(dest, importId, { remapIds: true });
      // the random moment (not a wait for something: the kill lands wherever the import is)
      await new Promise((r) => setTimeout(r, delayMs));
      const at = (await dest.request<{ status: string; currentPhase: string }>('GET', `/import/${importId}/status`)).body;
      await victim.stop('SIGKILL');
      await victim.start();
      const backAt = Date.now();
      const label = `trial ${trial} (seed ${seed}): ${victim.id} killed ${delayMs} ms in, at ${at.status}/${at.currentPhase}, import ${importId}`;
      try {
        const done = await followImport(dest, importId, { timeoutMs: SETTLE_MS });
        if (done.status === 'completed') {
          problems.push(...(await importDifferences(dep, pkgPath, importId, dest.userId, true)).map((p) => `${label}: completed but ${p}`));
        } else if (done.status === 'failed') {
          const left = await userLeftovers(dep, dest.userId);
          if (left.length) problems.push(`${label}: failed and left ${left.join(', ')}`);
        } else {
          problems.push(`${label}: ended ${done.status} (${done.errorCode ?? ''} ${done.error ?? ''})`);
        }
        record.push(`${label} -> ${done.status} after ${Date.now() - backAt} ms`);
      } catch (e) {
        problems.push(`${label}: ${(e as Error).message}`);
      }
      // no import of the deployment unfinished 2 minutes after the process is back
      for (;;) {
        const unfinished = (await dep.unfinishedImports()).filter((i) => !stuck.has(i.importId));
        if (!unfinished.length) break;
        if (Date.now() > backAt + SETTLE_MS) {
          problems.push(`${label}: imports still unfinished ${SETTLE_MS} ms after ${victim.id} was back: ${JSON.stringify(unfinished)}`);
          unfinished.forEach((i) => stuck.add(i.importId));
          break;
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    console.log(record.join('\n'));
    expect(problems).toEqual([]);
    // only the processes the trials killed went down
    expect(dep.replicas.unexpectedExits()).toEqual([]);
  }, 1800000);
});
