import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { DeleteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { Item, tableNames, toItem } from '@housef3/data-model';
import { transformForImport } from '@housef3/import-domain';
import { ImportJob, ImportJobRepository, importPrefix } from '@housef3/jobs';
import { Transaction } from '@housef3/package-format';
import { batchDeleteAll, createLogger, deletePrefix } from '@housef3/platform';
import { stackEnv } from '@housef3/testing';
// The bench measures the import-service's own writer, journal store and lease, not copies of them.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ImportServiceConfig } from '../../apps/import-service/src/config/import-service.config';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ChunkWriter } from '../../apps/import-service/src/saga/chunk-writer';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { JournalStore } from '../../apps/import-service/src/saga/journal.store';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { Lease } from '../../apps/import-service/src/saga/lease';
import { fileTransactions, planSeed } from '../seed/generate';
import { serverCpu } from './server-cpu';
import { median as medianOf } from './stats';

/**
 * `npm run bench:fencing`: what the lease fencing and heartbeats cost the import's writes
 * (docs/benchmarks.md, "Fencing and heartbeats: what they cost"). Against the local stack
 * (npm run stack:up), realistic transactions (the seed's generator, remapped by the saga's
 * transformForImport for a fresh user and import, encoded by toItem) are written through the
 * import-service's ChunkWriter in chunks of IMPORT_CHUNK_RECORDS, each chunk journaled to S3
 * first, as two imports side by side:
 *   fenced:   as production: a ConditionCheck on a real import job item (status processing, leased
 *             to this worker) first in every TransactWriteItems with 24 writes beside it, and the
 *             Lease heartbeat renewing that job at its production interval (a third of
 *             IMPORT_LEASE_MS) from the first chunk to the last;
 *   unfenced: the same code path without a fence (25 writes a transaction), no job, no lease.
 * The machine is shared and its load changes from second to second, so the two imports take
 * turns chunk by chunk in ABBA order (fenced, unfenced, unfenced, fenced, ...): each chunk is a
 * trial, and neighbours ran under about the same load. Only the writes are timed (the items are
 * built before the clock starts; both users' items, journals and the job are deleted at the end).
 * The heartbeat runs beside the writes, during either import's chunks; each renewal is timed, and
 * the report charges all of that time to the fenced import as an upper bound. Besides wall time,
 * the CPU time the writer (this process), DynamoDB Local and the S3 server used per chunk (from
 * /proc and the stack's pid files). Prints a JSON report and a Markdown table. Not a test.
 */

type Variant = 'fenced' | 'unfenced';

interface Trial {
  variant: Variant;
  chunk: number;
  ms: number;
  /** DynamoDB and S3 calls by command (the writer's own retries count as calls) */
  calls: Record<string, number>;
  /** HTTP attempts beyond the calls: the SDK's retries (throttling, transaction conflicts, dropped connections) */
  sdkRetries: number;
  /** CPU seconds used during the chunk: the writer, DynamoDB Local, the S3 server */
  cpu: { writer: number; dynamodb?: number; s3?: number };
  /** latency of each of the chunk's TransactWriteItems, ms */
  transactMs: number[];
}

const USAGE = 'npm run bench:fencing -- [--transactions 20000] [--warmup 1]   (transactions per variant, warm-up chunks per variant)';
const ATTEMPTS = 'http attempts';

function parseArgs(argv: string[]): { transactions: number; warmup: number } {
  const args = { transactions: 20000, warmup: 1 };
  const flags = { '--transactions': 'transactions', '--warmup': 'warmup' } as const;
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const key = flags[flag as keyof typeof flags];
    if (!key || value === undefined || !/^\d+$/.test(value) || (key === 'transactions' && Number(value) < 1)) {
      console.error(`bench:fencing: bad argument ${flag} ${value ?? ''}\nusage: ${USAGE}`);
      process.exit(2);
    }
    args[key] = Number(value);
  }
  return args;
}

/**
 * Counts every command a client sends, by name (once per call), and every HTTP attempt (the SDK's
 * retries happen below the call); `timed` hears how long each call took, retries included.
 */
function countCalls(client: DynamoDBClient | S3Client, into: () => Record<string, number>, timed?: (command: string, ms: number) => void): void {
  const count = (key: string) => {
    const counts = into();
    counts[key] = (counts[key] ?? 0) + 1;
  };
  const stack = (client as DynamoDBClient).middlewareStack;
  stack.add((next, context) => async (args) => {
    const command = (context as { commandName?: string }).commandName ?? 'unknown';
    count(command);
    const started = performance.now();
    try {
      return await next(args);
    } finally {
      timed?.(command, performance.now() - started);
    }
  }, { step: 'initialize', name: 'benchCallCounter' });
  stack.add((next) => async (args) => {
    count(ATTEMPTS);
    return next(args);
  }, { step: 'deserialize', name: 'benchAttemptCounter' });
}

function cpuNow(): Trial['cpu'] {
  const own = process.cpuUsage();
  return { writer: (own.user + own.system) / 1e6, dynamodb: serverCpu('dynamodb'), s3: serverCpu('s3') };
}

function cpuSince(from: Trial['cpu']): Trial['cpu'] {
  const to = cpuNow();
  const diff = (a?: number, b?: number) => (a === undefined || b === undefined ? undefined : Number((b - a).toFixed(2)));
  return { writer: Number((to.writer - from.writer).toFixed(2)), dynamodb: diff(from.dynamodb, to.dynamodb), s3: diff(from.s3, to.s3) };
}

const cpuTotal = (c: Trial['cpu']) => c.writer + (c.dynamodb ?? 0) + (c.s3 ?? 0);

/** An import job in `processing`, leased to `owner`, shaped like one the saga works on (validation results, work plan, saga state). */
function processingJob(importId: string, userId: string, owner: string, records: number, now: number, leaseMs: number): ImportJob {
  const prefix = importPrefix(userId, importId);
  return {
    importId, userId, status: 'processing', uploadedAt: now - 60000, uploadKey: `${prefix}package.zip`, uploadExpiresAt: now + 3600000,
    packageKey: `${prefix}pinned/package.zip`, packageEtag: '"bench"', maxPackageBytes: 50 * 1024 ** 3, startedAt: now - 30000, packageSize: records * 120,
    options: { overwriteExisting: false, validateOnly: false, mergeStrategy: 'fail_on_conflict', remapIds: true }, mergeStrategy: 'fail_on_conflict',
    validationResults: { summary: { transactions: { valid: records, warnings: 0, errors: 0 } }, errors: [], warnings: [], errorCount: 0, warningCount: 0, formatVersion: '1.2', sourceFormat: 'housef3-backup-1.2' },
    importResults: { counts: {}, filesRestored: 0 },
    saga: { step: 'transactions', chunk: 0, completedSteps: ['categories', 'file_maps', 'accounts', 'transaction_files', 'files'], recordsDone: 0, recordsTotal: records },
    work: { records: { transactions: records }, fileBytes: 0, packageBytes: records * 120 },
    attempt: 0, leaseOwner: owner, leaseExpiresAt: now + leaseMs,
  };
}

const median = (xs: number[]) => Number(medianOf(xs).toFixed(3));
const pct = (x: number) => Number((x * 100).toFixed(1));

/**
 * 95% interval (percent) of sum(a) / sum(b) − 1 over pairs [a, b], by the percentile bootstrap:
 * 10,000 resamples of the pairs with replacement, from a fixed seed (the same data gives the same interval).
 */
function bootstrap(pairs: [number, number][]): [number, number] {
  let seed = 0x2545f491;
  const random = () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const ratios: number[] = [];
  for (let r = 0; r < 10000; r++) {
    let a = 0;
    let b = 0;
    for (let i = 0; i < pairs.length; i++) {
      const [x, y] = pairs[Math.floor(random() * pairs.length)];
      a += x;
      b += y;
    }
    ratios.push(a / b - 1);
  }
  ratios.sort((x, y) => x - y);
  return [pct(ratios[249]), pct(ratios[9749])];
}

interface Stream {
  variant: Variant;
  userId: string;
  importId: string;
  items: Item[];
  next: number;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = new ImportServiceConfig();
  const chunkRecords = config.IMPORT_CHUNK_RECORDS;
  const leaseMs = config.IMPORT_LEASE_MS;
  const heartbeatEveryMs = Math.max(200, Math.floor(leaseMs / 3)); // as Lease.start()
  const env = stackEnv();
  // as libs/platform's factories build them (AWS_MAX_ATTEMPTS' default, standard retries), pointed at the local stack
  const common = { region: env.AWS_REGION, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY }, maxAttempts: config.AWS_MAX_ATTEMPTS, retryMode: 'standard' };
  const dynamo = new DynamoDBClient({ ...common, endpoint: env.DYNAMODB_ENDPOINT });
  const s3 = new S3Client({ ...common, endpoint: env.S3_ENDPOINT, forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true', requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
  let calls: Record<string, number> = {};
  let transactMs: number[] = [];
  countCalls(dynamo, () => calls, (command, ms) => command === 'TransactWriteItemsCommand' && transactMs.push(ms));
  countCalls(s3, () => calls);
  const tables = tableNames(env.TABLE_PREFIX);
  const jobs = new ImportJobRepository(dynamo, tables.importJobs);
  // every renewal timed (the Lease calls jobs.heartbeat on its timer)
  const renewals: { at: number; ms: number; during?: Variant }[] = [];
  let running: Variant | undefined;
  const heartbeat = jobs.heartbeat.bind(jobs);
  jobs.heartbeat = async (...a: Parameters<ImportJobRepository['heartbeat']>) => {
    const t = performance.now();
    const during = running;
    try {
      return await heartbeat(...a);
    } finally {
      renewals.push({ at: t, ms: performance.now() - t, during });
    }
  };
  const writer = new ChunkWriter(dynamo, tables, new JournalStore(s3, env.PACKAGES_BUCKET));
  const log = createLogger('bench-fencing', 'warn');
  const progress = (line: string) => console.error(`[bench:fencing] ${line}`);

  // one package's transactions, generated once (realistic fields, category assignments, hashes); each import gets them remapped
  const chunksPerVariant = Math.ceil(args.transactions / chunkRecords) + args.warmup;
  const records = chunksPerVariant * chunkRecords;
  const plan = planSeed({ userId: 'bench-fencing-source', transactions: records, files: 6 });
  const source: Transaction[] = plan.files.flatMap((file) => [...fileTransactions(plan, file)]);
  /** What the records step hands the writer: each record remapped for the import and encoded as HouseF3 stores it. */
  const stream = (variant: Variant): Stream => {
    const userId = `bench-fencing-${randomUUID()}`;
    const importId = randomUUID();
    return { variant, userId, importId, next: 0, items: source.map((t) => toItem('transactions', transformForImport('transactions', t, { importId, userId, remapIds: true }), userId)) };
  };
  const fenced = stream('fenced');
  const unfenced = stream('unfenced');
  const owner = `bench-fencing-worker-${randomUUID()}`;
  const job = processingJob(fenced.importId, fenced.userId, owner, records, Date.now(), leaseMs);
  await jobs.create(job);
  const lease = new Lease(jobs, owner, job, { leaseMs, now: Date.now, log });

  /** The stream's next chunk, as the records step writes it (the fenced one under the lease). */
  const writeChunk = async (s: Stream): Promise<Trial> => {
    const chunk = s.next++;
    running = s.variant;
    calls = {};
    transactMs = [];
    const cpu = cpuNow();
    const started = performance.now();
    if (s.variant === 'fenced') lease.check();
    await writer.write('transactions', s.items.slice(chunk * chunkRecords, (chunk + 1) * chunkRecords), {
      userId: s.userId, importId: s.importId, step: 'transactions', chunk, strategy: 'fail_on_conflict', remapIds: false,
      fence: s.variant === 'fenced' ? jobs.fence(s.importId, owner, 'processing') : null,
    });
    const ms = performance.now() - started;
    const used = cpuSince(cpu);
    running = undefined;
    const { [ATTEMPTS]: attempts = 0, ...counted } = calls;
    return { variant: s.variant, chunk, ms, calls: counted, sdkRetries: attempts - Object.values(counted).reduce((a, b) => a + b, 0), cpu: used, transactMs };
  };

  const startedAt = Date.now();
  const loadBefore = loadavg();
  const trials: Trial[] = [];
  let cleanedUp = false;
  const cleanUp = async () => {
    if (cleanedUp) return;
    cleanedUp = true;
    lease.stop();
    progress('deleting what the run wrote');
    for (const s of [fenced, unfenced]) {
      await batchDeleteAll(dynamo, tables.transactions, s.items.slice(0, s.next * chunkRecords).map((i) => ({ transactionId: i.transactionId })), { concurrency: 8 });
      await deletePrefix(s3, env.PACKAGES_BUCKET, importPrefix(s.userId, s.importId));
    }
    await dynamo.send(new DeleteItemCommand({ TableName: tables.importJobs, Key: { importId: { S: fenced.importId } } }));
  };
  try {
    lease.start();
    for (let w = 0; w < args.warmup; w++) {
      progress(`warm-up chunk ${w + 1}/${args.warmup} of each (not counted)`);
      await writeChunk(fenced);
      await writeChunk(unfenced);
    }
    const renewalsBefore = renewals.length;
    const measuredFrom = performance.now();
    const order: Variant[] = Array.from({ length: (chunksPerVariant - args.warmup) * 2 }, (_, i) => (i % 4 === 0 || i % 4 === 3 ? 'fenced' : 'unfenced'));
    for (const [i, variant] of order.entries()) {
      trials.push(await writeChunk(variant === 'fenced' ? fenced : unfenced));
      if ((i + 1) % 20 === 0 || i + 1 === order.length) {
        const sum = (v: Variant) => trials.filter((t) => t.variant === v).reduce((a, t) => a + t.ms, 0);
        progress(`${i + 1}/${order.length} chunks; fenced ${(sum('fenced') / 1000).toFixed(1)} s, unfenced ${(sum('unfenced') / 1000).toFixed(1)} s so far; heartbeats ${renewals.length - renewalsBefore}; load ${loadavg()[0].toFixed(1)}`);
      }
    }
    const measuredMs = performance.now() - measuredFrom;
    lease.stop();
    const counted = renewals.slice(renewalsBefore);
    const loadAfter = loadavg();
    await cleanUp();
    dynamo.destroy();
    s3.destroy();
    report({ args, chunkRecords, leaseMs, heartbeatEveryMs, loadBefore, loadAfter, startedAt, measuredMs, trials, renewals: counted });
  } finally {
    await cleanUp().catch((e) => progress(`clean-up failed: ${e}`));
  }
}

function report(r: {
  args: { transactions: number; warmup: number }; chunkRecords: number; leaseMs: number; heartbeatEveryMs: number; loadBefore: number[]; loadAfter: number[];
  startedAt: number; measuredMs: number; trials: Trial[]; renewals: { at: number; ms: number; during?: Variant }[];
}): void {
  const { trials, renewals } = r;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const summary = (variant: Variant) => {
    const of = trials.filter((t) => t.variant === variant);
    const ms = sum(of.map((t) => t.ms));
    const records = of.length * r.chunkRecords;
    const commands = [...new Set(of.flatMap((t) => Object.keys(t.calls)))].sort();
    return {
      variant, chunks: of.length, records, wallMs: Math.round(ms), itemsPerSecond: Math.round(records / (ms / 1000)),
      medianChunkMs: Math.round(median(of.map((t) => t.ms))),
      medianTransactMs: Math.round(median(of.flatMap((t) => t.transactMs))),
      calls: Object.fromEntries(commands.map((c) => [c, sum(of.map((t) => t.calls[c] ?? 0))])),
      sdkRetries: sum(of.map((t) => t.sdkRetries)),
      cpuSeconds: { writer: Number(sum(of.map((t) => t.cpu.writer)).toFixed(1)), dynamodb: Number(sum(of.map((t) => t.cpu.dynamodb ?? NaN)).toFixed(1)), s3: Number(sum(of.map((t) => t.cpu.s3 ?? NaN)).toFixed(1)), total: Number(sum(of.map((t) => cpuTotal(t.cpu))).toFixed(1)) },
    };
  };
  const fenced = summary('fenced');
  const unfenced = summary('unfenced');
  // neighbours in the ABBA order (fenced then unfenced, or the other way round) ran under about the same load
  const pairs = Array.from({ length: Math.floor(trials.length / 2) }, (_, p) => {
    const [x, y] = [trials[2 * p], trials[2 * p + 1]];
    const [f, u] = x.variant === 'fenced' ? [x, y] : [y, x];
    return { wall: f.ms / u.ms - 1, cpu: cpuTotal(f.cpu) / cpuTotal(u.cpu) - 1 };
  });
  const quartiles = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return [s[Math.floor((s.length - 1) / 4)], s[Math.ceil((3 * (s.length - 1)) / 4)]].map(pct);
  };
  const heartbeatMs = sum(renewals.map((h) => h.ms));
  const pairTotals = Array.from({ length: pairs.length }, (_, p) => {
    const [x, y] = [trials[2 * p], trials[2 * p + 1]];
    const [f, u] = x.variant === 'fenced' ? [x, y] : [y, x];
    return { f: f.ms, u: u.ms, fCpu: cpuTotal(f.cpu), uCpu: cpuTotal(u.cpu) };
  });
  const overhead = {
    wall: pct(fenced.wallMs / unfenced.wallMs - 1),
    /** 95% interval of the wall-time overhead (ratio of sums), by resampling the pairs */
    wallInterval95: bootstrap(pairTotals.map((p) => [p.f, p.u])),
    wallMedianOfPairs: pct(median(pairs.map((p) => p.wall))),
    wallPairQuartiles: quartiles(pairs.map((p) => p.wall)),
    cpu: pct(fenced.cpuSeconds.total / unfenced.cpuSeconds.total - 1),
    cpuInterval95: bootstrap(pairTotals.map((p) => [p.fCpu, p.uCpu])),
    cpuMedianOfPairs: pct(median(pairs.map((p) => p.cpu))),
    cpuPairQuartiles: quartiles(pairs.map((p) => p.cpu)),
    /** every renewal's whole latency charged to the fenced import, as if it had stopped the writer (it runs beside it) */
    wallWithHeartbeatsCharged: pct((fenced.wallMs + heartbeatMs) / unfenced.wallMs - 1),
  };
  const out = {
    date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadBefore: r.loadBefore, loadAfter: r.loadAfter,
    runSeconds: Math.round((Date.now() - r.startedAt) / 1000), measuredSeconds: Math.round(r.measuredMs / 1000),
    transactionsPerVariant: fenced.records, warmupChunks: r.args.warmup, chunkRecords: r.chunkRecords, leaseMs: r.leaseMs, heartbeatEveryMs: r.heartbeatEveryMs,
    fenced, unfenced, overheadPercent: overhead,
    heartbeats: { count: renewals.length, totalMs: Math.round(heartbeatMs), medianMs: Math.round(median(renewals.map((h) => h.ms))), duringFenced: renewals.filter((h) => h.during === 'fenced').length, duringUnfenced: renewals.filter((h) => h.during === 'unfenced').length },
    trials: trials.map((t) => ({ ...t, ms: Math.round(t.ms) })),
  };
  console.log(JSON.stringify(out, null, 2));
  const row = (s: typeof fenced) => `| ${s.variant} | ${s.records.toLocaleString('en-US')} | **${(s.wallMs / 1000).toFixed(1)} s** | **${s.itemsPerSecond.toLocaleString('en-US')}** | ${(s.medianChunkMs / 1000).toFixed(2)} s `
    + `| ${s.cpuSeconds.total.toFixed(1)} s | ${s.calls.TransactWriteItemsCommand ?? 0} | ${s.medianTransactMs} ms | ${s.calls.BatchGetItemCommand ?? 0} | ${(s.calls.GetObjectCommand ?? 0) + (s.calls.PutObjectCommand ?? 0)} | ${s.sdkRetries} |`;
  console.log([
    '',
    `Run of ${out.date.slice(0, 16).replace('T', ' ')} UTC, node ${out.node}, ${out.cpus} cores shared with other work (load average ${r.loadBefore[0].toFixed(1)} before, ${r.loadAfter[0].toFixed(1)} after); `
      + `chunks of ${r.chunkRecords}, ${pairs.length} pairs of chunks, heartbeat every ${r.heartbeatEveryMs / 1000} s.`,
    '',
    '| import | transactions | wall time (sum of its chunks) | items/s | median chunk | CPU (writer + DynamoDB Local + S3 server) | TransactWriteItems | median TransactWriteItems | BatchGetItem | S3 journal calls | SDK retries |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    row(fenced),
    row(unfenced),
    '',
    `Heartbeats: ${out.heartbeats.count} UpdateItem calls (${out.heartbeats.duringFenced} during fenced chunks, ${out.heartbeats.duringUnfenced} during unfenced ones), `
      + `${(heartbeatMs / 1000).toFixed(2)} s in all (median ${out.heartbeats.medianMs} ms).`,
    '',
    `Overhead, fenced / unfenced − 1: wall time **${overhead.wall}%** (95% interval ${overhead.wallInterval95.join('% .. ')}%; per pair: median ${overhead.wallMedianOfPairs}%, quartiles ${overhead.wallPairQuartiles.join('% .. ')}%); `
      + `with every heartbeat's latency charged to the fenced import ${overhead.wallWithHeartbeatsCharged}%; `
      + `CPU **${overhead.cpu}%** (95% interval ${overhead.cpuInterval95.join('% .. ')}%; per pair: median ${overhead.cpuMedianOfPairs}%, quartiles ${overhead.cpuPairQuartiles.join('% .. ')}%).`,
  ].join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
