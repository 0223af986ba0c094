import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GatewayClient, ImportStatusView, localAuthFromEnv, mintToken, productionNodeArgs, REPO_ROOT, RunningService, ServiceKey, stackEnv, startService, uploadAndStartImport } from '@housef3/testing';
import { destroyClients, localStackTarget } from '../seed/seed-target';
import { purgeUser } from '../seed/purge-user';
import { seedUser } from '../seed/seed-user';
import { downloadExport } from '../e2e/package-download';
import { parseBenchArgs, BENCH_USAGE } from './bench-args';
import { BenchReport, JobFigures, SizeFigures, writeBenchmarksDoc } from './benchmarks-doc';
import { exportFloor, FloorTarget } from './export-floor';
import { fencedImportFloor, importFloor } from './import-floor';
import { RssSampler } from './rss-sampler';
import { loadGetInChild } from './status-load';

const SERVICES: readonly ServiceKey[] = ['gateway', 'export-service', 'file-service', 'import-service'];

/**
 * `npm run bench`: export and import through the API with the compiled services, and beside each
 * the floor (tools/bench/*-floor.ts) on the same data and servers in the same run; then GET
 * status under load. Writes the generated section of docs/benchmarks.md (docs/benchmarks.md
 * says how to read it). Needs the local stack (npm run stack:up). Not a test.
 */
async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  if ('error' in args) {
    console.error(`bench: ${args.error}\n\n${BENCH_USAGE}`);
    process.exit(2);
  }
  if (args.build && !args.servicesRoot) {
    log('building the services (nx build)');
    const built = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', ...SERVICES], { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } });
    if (built.status !== 0) throw new Error('the build failed');
  }
  const env = stackEnv();
  const { clients, names } = localStackTarget(env);
  // the floors' own clients: more attempts than the SDK's 3, as a busy DynamoDB Local or S3 server drops connections now and then
  const common = { region: env.AWS_REGION, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY }, maxAttempts: 10 };
  const floorDynamo = new DynamoDBClient({ ...common, endpoint: env.DYNAMODB_ENDPOINT });
  const floorS3 = new S3Client({ ...common, endpoint: env.S3_ENDPOINT, forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true', requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
  const target: FloorTarget = { dynamo: floorDynamo, s3: floorS3, tables: names.tables, fileBucket: names.fileStorageBucket, packagesBucket: env.PACKAGES_BUCKET };
  const profiling: string[] = [];
  if (args.cpuProfileDir) {
    mkdirSync(args.cpuProfileDir, { recursive: true });
    profiling.push('--cpu-prof', `--cpu-prof-dir=${resolve(args.cpuProfileDir)}`);
  }
  const services: RunningService[] = [];
  const cleanup: string[] = [];
  const loadBefore = loadavg();
  try {
    // the status load alone needs only the gateway (the job is read from the table)
    for (const name of args.statusOf ? (['gateway'] as const) : SERVICES) services.push(await startService(name, { LOG_LEVEL: 'warn' }, 120000, { compiled: true, nodeArgs: [...productionNodeArgs(name), ...profiling], ...(args.servicesRoot && { root: resolve(args.servicesRoot) }) }));
    const pids = Object.fromEntries(services.map((s) => [s.name, s.process.pid!]));
    const gateway = services[0].url;
    const sizes: SizeFigures[] = [];
    let status: BenchReport['status'];
    // The report is written after every size (a long run that is stopped keeps what it measured).
    const report = (): BenchReport => ({
      date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadBefore, loadAfter: loadavg(),
      segments: args.segments, floorConcurrency: args.floorConcurrency, sizes, status,
    });
    for (const size of args.sizes) {
      const user = `bench-${size}-${args.files}`;
      await ensureSeeded({ dynamo: floorDynamo, s3: floorS3 }, names, user, size, args.files, args.reseed);
      const api = await GatewayClient.forUser(gateway, user);

      // The export and its floor, alternating, exportRuns times: one pair is at the mercy of the
      // machine's load of that minute; the pair with the median ratio is reported, every pair listed.
      const sampler = new RssSampler(pids);
      const pairs: { ours: Awaited<ReturnType<typeof runExport>>; floorMs: number; rss: Record<string, number>; windows: Record<string, number[]> }[] = [];
      let floorOut = { items: 0, bytes: 0 };
      for (let run = 1; run <= (args.jobs.export ? args.exportRuns : 1); run += 1) {
        const of = args.jobs.export && args.exportRuns > 1 ? ` (${run} of ${args.exportRuns})` : '';
        log(`${size}: export through the API${of}`);
        sampler.start();
        const ours = await runExport(api, services);
        const rss = sampler.stop();
        const windows = sampler.windowPeaks();
        log(`${size}: export took ${s(ours.ms)}`);
        let floorMs = NaN;
        if (args.jobs.export) {
          log(`${size}: export floor${of}`);
          const floorKey = `bench/floor/${randomUUID()}.zip`;
          const t = performance.now();
          floorOut = await exportFloor(target, user, floorKey, args.segments);
          floorMs = performance.now() - t;
          log(`${size}: export floor took ${s(floorMs)}`);
          await clients.s3.send(new DeleteObjectCommand({ Bucket: target.packagesBucket, Key: floorKey }));
        }
        pairs.push({ ours, floorMs, rss, windows });
      }
      const median = [...pairs].sort((a, b) => a.ours.ms / a.floorMs - b.ours.ms / b.floorMs)[Math.floor((pairs.length - 1) / 2)]!;
      const ours = median.ours;
      const exportFloorMs = median.floorMs;
      const exportRss = maxRss(pairs.map((p) => p.rss));

      let importFigures: JobFigures | undefined;
      if (args.jobs.import && size <= args.importMax) {
        log(`${size}: import (remapIds) through the API`);
        const { path } = await downloadExport(api, ours.exportId);
        const importUser = `bench-import-${randomUUID()}`;
        cleanup.push(importUser);
        const importApi = await GatewayClient.forUser(gateway, importUser);
        sampler.start();
        const imported = await runImport(importApi, readFileSync(path), services);
        const importRss = sampler.stop();
        const importWindows = sampler.windowPeaks();
        log(`${size}: import took ${s(imported.ms)}`);

        log(`${size}: import floor`);
        const floorUser = `bench-floor-${randomUUID()}`;
        cleanup.push(floorUser);
        const t = performance.now();
        const floorIn = await importFloor(target, user, floorUser, args.segments, args.floorConcurrency);
        const floorMs = performance.now() - t;
        log(`${size}: import floor took ${s(floorMs)}`);
        let fencedFloorMs: number | undefined;
        if (size <= args.fencedFloorMax) {
          log(`${size}: fenced import floor`);
          const fencedUser = `bench-floor-${randomUUID()}`;
          cleanup.push(fencedUser);
          const tf = performance.now();
          await fencedImportFloor(target, user, fencedUser, args.segments, names.tables.importJobs);
          fencedFloorMs = performance.now() - tf;
        }
        importFigures = { oursMs: imported.ms, floorMs, fencedFloorMs, phasesMs: imported.phases, peakRssKb: importRss, windowPeakRssKb: importWindows, floorItems: floorIn.items };
      }

      const exportFigures: JobFigures = {
        oursMs: ours.ms, floorMs: exportFloorMs, phasesMs: ours.phases, peakRssKb: exportRss, windowPeakRssKb: joinWindows(pairs.map((p) => p.windows)), floorItems: floorOut.items, packageBytes: ours.packageBytes,
        ...(pairs.length > 1 && { runs: pairs.map((p) => ({ oursMs: p.ours.ms, floorMs: p.floorMs })) }),
      };
      sizes.push({ transactions: size, files: args.files, export: exportFigures, ...(importFigures && { import: importFigures }) });
      log(`${size}: export ${s(ours.ms)} (floor ${s(exportFloorMs)})${importFigures ? `, import ${s(importFigures.oursMs)} (floor ${s(importFigures.floorMs)})` : ''}`);

      if (!status && args.statusSeconds > 0) {
        log(`GET status at ${args.statusRate}/s for ${args.statusSeconds} s`);
        const token = await mintToken(localAuthFromEnv(env), user);
        status = await loadGetInChild(REPO_ROOT, `${gateway}/export/${ours.exportId}/status`, { Authorization: `Bearer ${token}` }, args.statusRate, args.statusSeconds);
        log(`status p50 ${status.p50Ms} ms, p99 ${status.p99Ms} ms, ${status.failed} failed`);
      }
      console.log(JSON.stringify(report(), null, 2));
      if (args.writeDoc) writeBenchmarksDoc(resolve(REPO_ROOT, 'docs/benchmarks.md'), report());
    }

    if (args.statusOf) {
      log(`GET status at ${args.statusRate}/s for ${args.statusSeconds} s`);
      const token = await mintToken(localAuthFromEnv(env), args.statusOf.user);
      status = await loadGetInChild(REPO_ROOT, `${gateway}/export/${args.statusOf.exportId}/status`, { Authorization: `Bearer ${token}` }, args.statusRate, args.statusSeconds);
      log(`status p50 ${status.p50Ms} ms, p99 ${status.p99Ms} ms, ${status.failed} failed`);
      console.log(JSON.stringify(report(), null, 2));
    }
    if (args.writeDoc) log('docs/benchmarks.md updated');
  } finally {
    await Promise.all(services.map((x) => x.stop()));
    for (const user of cleanup) await purgeUser(clients, names, user).catch((e) => log(`clean-up of ${user} failed: ${String(e)}`));
    destroyClients(clients);
    floorDynamo.destroy();
    floorS3.destroy();
  }
}

/**
 * Seeds the bench user unless it already has records (the user's name carries the size and the
 * seeding is deterministic; `--reseed` rewrites it, e.g. after an interrupted seeding).
 */
async function ensureSeeded(clients: ReturnType<typeof localStackTarget>['clients'], names: ReturnType<typeof localStackTarget>['names'], user: string, size: number, files: number, force: boolean) {
  if (!force) {
    const out = await clients.dynamo.send(new QueryCommand({
      TableName: names.tables.transactions, IndexName: 'UserIdIndex', KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': { S: user } }, Limit: 1,
    }));
    if (out.Items?.length) return;
  }
  log(`seeding ${user}: ${size} transactions, ${files} statement files`);
  const t = performance.now();
  await seedUser(clients, names, { userId: user, transactions: size, files });
  log(`seeded in ${s(performance.now() - t)}`);
}

/** Fails the run when a service died while a job waited on it (nothing would take the job up again). */
function assertRunning(services: readonly RunningService[], job: string): void {
  const dead = services.find((service) => service.process.exitCode !== null || service.process.signalCode !== null);
  if (dead === undefined) return;
  const how = dead.process.signalCode ?? `code ${dead.process.exitCode}`;
  throw new Error(`${dead.name} exited (${how}) during the ${job}; its last output:\n${dead.output().slice(-4000)}`);
}

async function runExport(api: GatewayClient, services: readonly RunningService[]) {
  const t = performance.now();
  const created = await api.request<{ exportId: string }>('POST', '/export', {});
  if (created.status !== 202) throw new Error(`POST /export: ${created.status} ${JSON.stringify(created.body)}`);
  const phases: Record<string, number> = {};
  const deadline = Date.now() + 3600_000;
  for (;;) {
    const res = await api.request<{ status: string; phase: string; packageSize?: number; error?: string }>('GET', `/export/${created.body.exportId}/status`);
    const now = performance.now() - t;
    phases[res.body.phase] ??= now;
    if (res.body.status === 'completed') return { exportId: created.body.exportId, ms: now, phases, packageBytes: res.body.packageSize };
    if (res.body.status === 'failed' || Date.now() > deadline) throw new Error(`export did not complete: ${JSON.stringify(res.body)}`);
    assertRunning(services, 'export');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function runImport(api: GatewayClient, bytes: Buffer, services: readonly RunningService[]) {
  const t = performance.now();
  const importId = await uploadAndStartImport(api, bytes, { remapIds: true });
  const phases: Record<string, number> = {};
  const deadline = Date.now() + 3600_000;
  for (;;) {
    const res = await api.request<ImportStatusView>('GET', `/import/${importId}/status`);
    const now = performance.now() - t;
    phases[res.body.currentPhase] ??= now;
    if (res.body.status === 'completed') return { importId, ms: now, phases };
    if (['failed', 'cancelled', 'validation_failed'].includes(res.body.status) || Date.now() > deadline) throw new Error(`import did not complete: ${JSON.stringify(res.body).slice(0, 2000)}`);
    assertRunning(services, 'import');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The window peaks of several runs of one job, one run after another, per service. */
function joinWindows(runs: Record<string, number[]>[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const run of runs) for (const [name, peaks] of Object.entries(run)) (out[name] ??= []).push(...peaks);
  return out;
}

/** The highest sampled RSS of each service over several jobs. */
function maxRss(samples: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const sample of samples) for (const [name, kb] of Object.entries(sample)) out[name] = Math.max(out[name] ?? 0, kb);
  return out;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const log = (message: string) => console.error(`bench: ${message}`);

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
