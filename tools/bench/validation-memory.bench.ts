/**
 * Memory of import validation (validateImport) against the number of transactions. Not a test:
 * `npm run bench:validation-memory` (1,000,000 transactions), `-- --five-million`, or
 * `-- --transactions N`. Prints a Markdown table for docs/benchmarks.md ("Validation memory").
 *
 * 1. libs/package-format, libs/data-model and libs/import-domain are transpiled to plain
 *    JavaScript (as production runs: a TypeScript hook adds ~90 MiB of RSS);
 * 2. a package of N transactions is written to a file under os.tmpdir() by libs/package-format's
 *    writer, the records generated one at a time (libs/package-format/bench/bench-dataset.ts:
 *    10 accounts, 50 categories, 100 transaction files of 64 KiB);
 * 3. validateImport runs on it in a fresh `node --max-old-space-size=128` process against an
 *    in-memory "nothing exists" ExistingRecords (this measures the validator, not DynamoDB),
 *    while heap used and RSS are sampled every 50 ms. Printed: peak heap used, peak RSS (the
 *    kernel's maxRSS included), time, and the report's transaction summary.
 *
 * `--before <git ref>` validates a second time with libs/import-domain as it was at that ref
 * (git archive, transpiled the same way), for a before/after comparison on the same package.
 * `--id-set-only` measures the ID set alone (N transaction IDs added, sealed, looked up; no
 * package): the part of validation that grew with the records, at sizes a package would take
 * long to write. `--old-space MiB` changes the heap ceiling; `--keep DIR` writes the package there and reuses
 * it when it exists. `--worker-heap MiB` validates in a worker thread with that heap ceiling, as the
 * import-service does (IMPORT_VALIDATION_HEAP_MB).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { transformFileSync } from '@swc/core';
import { createWriteStream, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Account, Category, Transaction, TransactionFile } from '@housef3/package-format';

const MiB = 1024 * 1024;
const WORKSPACE = join(__dirname, '..', '..');
const LIBS = ['package-format', 'data-model', 'import-domain'] as const;

interface ValidationResult {
  seconds: number;
  peakHeapMiB: number;
  peakRssMiB: number;
  peakExternalMiB: number;
  transactions: { valid: number; errors: number; total: number };
  errorCount: number;
  /** the heap limit V8 gave the validating isolate (old generation and young) */
  heapLimitMiB?: number;
}

// ---------------------------------------------------------------- child processes (compiled)

/** libs/package-format/bench/bench-dataset.ts, compiled next to the libraries. */
interface BenchDataset {
  benchAccounts(): Account[];
  benchCategories(): Category[];
  benchTransactionFiles(): TransactionFile[];
  benchTransactions(count: number): Generator<Transaction>;
  benchFileBytes(index: number): Generator<Buffer>;
  benchUuid(tag: string, n: number): string;
}

/** Writes the package; the records are generated one at a time. */
async function writeChild(transactions: number, path: string): Promise<void> {
  // resolved in the compiled tree (see compile)
  const { writePackage } = require('@housef3/package-format') as typeof import('@housef3/package-format');
  const data = require(join(__dirname, '..', '..', 'libs', 'package-format', 'bench', 'bench-dataset.js')) as BenchDataset;
  const files = data.benchTransactionFiles();
  const handle = writePackage({
    userId: 'bench-user',
    exportTimestamp: new Date('2024-06-01T00:00:00Z'),
    housef3Version: '2.5.0',
    compressionLevel: 1,
    records: { accounts: data.benchAccounts(), transactions: data.benchTransactions(transactions), categories: data.benchCategories(), file_maps: [], transaction_files: files },
    files: files.map((file, i) => ({ fileId: file.fileId, fileName: file.fileName, open: () => data.benchFileBytes(i) })),
  });
  await pipeline(handle.stream, createWriteStream(path));
  await handle.done;
}

/**
 * `--id-set-only`: the ID set alone (what grew with the records), without a package: N
 * transaction IDs added as validation adds them (duplicates checked), the set sealed, then
 * 100,000 lookups of present and absent IDs. Prints the same JSON line.
 */
async function idSetChild(count: number): Promise<void> {
  const { IdSet } = require(join(__dirname, '..', '..', 'libs', 'import-domain', 'src', 'id-set.js')) as { IdSet: new () => { add(id: string): boolean; has(id: string): boolean; needsSettle?: boolean; settle?(): Promise<void>; seal?(): Promise<void>; close?(): void } };
  const data = require(join(__dirname, '..', '..', 'libs', 'package-format', 'bench', 'bench-dataset.js')) as BenchDataset;
  const memory = sampling();
  const start = process.hrtime.bigint();
  const set = new IdSet();
  let errors = 0;
  for (let i = 0; i < count; i += 1) {
    if (!set.add(data.benchUuid('tx', i))) errors += 1;
    if (set.needsSettle === true) await set.settle?.();
  }
  await set.seal?.();
  for (let i = 0; i < 100_000; i += 1) if (set.has(data.benchUuid('tx', (i * 7919) % count)) !== true || set.has(data.benchUuid('absent', i))) errors += 1;
  set.close?.();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  process.stdout.write(`${JSON.stringify({ seconds, ...memory.stop(), transactions: { valid: count - errors, errors, total: count }, errorCount: errors })}\n`);
}

/** Samples heap used, RSS and off-heap memory every 50 ms until stopped. */
function sampling(): { stop(): Pick<ValidationResult, 'peakHeapMiB' | 'peakRssMiB' | 'peakExternalMiB'> } {
  let peakHeap = 0;
  let peakRss = 0;
  let peakExternal = 0;
  const sample = (): void => {
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    peakRss = Math.max(peakRss, usage.rss);
    peakExternal = Math.max(peakExternal, usage.external + usage.arrayBuffers);
  };
  const sampler = setInterval(sample, 50);
  return {
    stop: () => {
      sample();
      clearInterval(sampler);
      return { peakHeapMiB: peakHeap / MiB, peakRssMiB: Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / MiB, peakExternalMiB: peakExternal / MiB };
    },
  };
}

/** Validates the package while sampling memory; prints one JSON line. */
async function validateChild(path: string): Promise<void> {
  const { openPackage, fileSource } = require('@housef3/package-format') as typeof import('@housef3/package-format');
  const { validateImport } = require('@housef3/import-domain') as typeof import('@housef3/import-domain');
  const memory = sampling();
  const start = process.hrtime.bigint();
  const reader = await openPackage(await fileSource(path));
  const nothingExists = { owners: async (): Promise<Map<string, string>> => new Map() };
  try {
    const report = await validateImport(reader, nothingExists, { userId: 'bench-importer', mergeStrategy: 'fail_on_conflict', remapIds: false, overwriteExisting: false });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const result: ValidationResult = {
      seconds,
      ...memory.stop(),
      transactions: { valid: report.summary.transactions.valid, errors: report.summary.transactions.errors, total: report.summary.transactions.total },
      errorCount: report.errorCount,
      heapLimitMiB: require('node:v8').getHeapStatistics().heap_size_limit / MiB,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    memory.stop();
    await reader.close();
  }
}

// ---------------------------------------------------------------- the parent

/** Transpiles the libraries and this script to CommonJS under `outDir`, with @housef3/* resolved to them. */
function compile(outDir: string, importDomainRoot: string): string {
  const roots: [string, string][] = LIBS.map((lib) => [lib === 'import-domain' ? importDomainRoot : join(WORKSPACE, 'libs', lib, 'src'), join(outDir, 'libs', lib, 'src')]);
  roots.push([join(WORKSPACE, 'libs', 'package-format', 'bench'), join(outDir, 'libs', 'package-format', 'bench')]);
  for (const [from, to] of roots) {
    for (const file of walk(from)) transpile(file, join(to, relative(from, file)).replace(/\.ts$/, '.js'));
  }
  const script = join(outDir, 'tools', 'bench', 'validation-memory.bench.js');
  transpile(__filename, script);
  for (const lib of [...LIBS, 'contracts']) {
    const shim = join(outDir, 'node_modules', '@housef3', lib, 'index.js');
    mkdirSync(dirname(shim), { recursive: true });
    writeFileSync(shim, lib === 'contracts' ? 'module.exports = {};\n' : `module.exports = require(${JSON.stringify(join(outDir, 'libs', lib, 'src', 'index.js'))});\n`);
  }
  return script;
}

function transpile(file: string, out: string): void {
  const { code } = transformFileSync(file, { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' }, sourceMaps: false });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '__fixtures__' && entry.name !== 'testing' && entry.name !== 'cli') yield* walk(path);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
      yield path;
    }
  }
}

function argValue(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

/**
 * `--worker-heap MiB`: validation as the import-service runs it, in a worker thread whose old
 * generation is capped at that many MiB (young generation 4 MiB); this process only relays.
 */
async function validateInWorkerChild(heapMb: number, path: string): Promise<void> {
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  // this process runs with --max-old-space-size, which V8 would apply to the worker too (nodejs/node#43991): as the service does, set it to the worker's cap while the worker is created
  require('node:v8').setFlagsFromString(`--max-old-space-size=${heapMb}`);
  const worker = new Worker(__filename, { argv: ['--child', 'validate', path], resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 4 } });
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the validation worker exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    if (args[1] === 'write') return writeChild(Number(args[2]), args[3] as string);
    if (args[1] === 'id-set') return idSetChild(Number(args[2]));
    if (args[1] === 'validate-in-worker') return validateInWorkerChild(Number(args[2]), args[3] as string);
    return validateChild(args[2] as string);
  }
  const transactions = Number(argValue(args, '--transactions') ?? (args.includes('--five-million') ? 5_000_000 : 1_000_000));
  const oldSpace = Number(argValue(args, '--old-space') ?? 128);
  const before = argValue(args, '--before');
  const keep = argValue(args, '--keep');
  const idSetOnly = args.includes('--id-set-only');
  const workerHeap = argValue(args, '--worker-heap');
  if (!Number.isSafeInteger(transactions) || transactions < 1) throw new Error('--transactions must be a positive integer');
  const work = await mkdtemp(join(tmpdir(), 'validation-memory-bench-'));
  try {
    const env = { NODE_PATH: [join(work, 'after', 'node_modules'), join(WORKSPACE, 'node_modules')].join(':') };
    const after = compile(join(work, 'after'), join(WORKSPACE, 'libs', 'import-domain', 'src'));
    const packagePath = keep !== undefined ? join(keep, `validation-bench-${transactions}.zip`) : join(work, `validation-bench-${transactions}.zip`);
    if (!idSetOnly && !existsSync(packagePath)) {
      process.stderr.write(`validation-memory: writing a package of ${transactions.toLocaleString('en-US')} transactions to ${packagePath}...\n`);
      const startWrite = Date.now();
      execFileSync(process.execPath, [after, '--child', 'write', String(transactions), packagePath], { stdio: ['ignore', 'inherit', 'inherit'], env });
      process.stderr.write(`validation-memory: written in ${((Date.now() - startWrite) / 1000).toFixed(0)} s\n`);
    }
    const idle = Number(execFileSync(process.execPath, [`--max-old-space-size=${oldSpace}`, '-e', 'process.stdout.write(String(process.resourceUsage().maxRSS))'], { encoding: 'utf8' })) / 1024;
    const variants: [string, string, Record<string, string>][] = [[workerHeap !== undefined ? `in a worker thread, heap ${workerHeap} MiB (as the import-service)` : 'after (sorted runs on disk)', after, env]];
    if (before !== undefined) {
      const source = join(work, 'before-src');
      mkdirSync(source, { recursive: true });
      execFileSync('sh', ['-c', `git -C ${JSON.stringify(WORKSPACE)} archive ${JSON.stringify(before)} libs/import-domain/src | tar -x -C ${JSON.stringify(source)}`]);
      const script = compile(join(work, 'before'), join(source, 'libs', 'import-domain', 'src'));
      variants.unshift([`before (${before}: in-memory Set)`, script, { NODE_PATH: [join(work, 'before', 'node_modules'), join(WORKSPACE, 'node_modules')].join(':') }]);
    }
    const rows: string[] = [];
    for (const [label, script, childEnv] of variants) {
      process.stderr.write(`validation-memory: ${idSetOnly ? 'ID set alone' : 'validating'} with ${label}, --max-old-space-size=${oldSpace}...\n`);
      const childArgs = idSetOnly ? ['--child', 'id-set', String(transactions)] : workerHeap !== undefined ? ['--child', 'validate-in-worker', workerHeap, packagePath] : ['--child', 'validate', packagePath];
      const child = spawnSync(process.execPath, [`--max-old-space-size=${oldSpace}`, script, ...childArgs], { encoding: 'utf8', env: { ...childEnv, TMPDIR: tmpdir() }, maxBuffer: 16 * MiB });
      const line = child.stdout.trim().split('\n').pop() ?? '';
      if (child.status !== 0 || !line.startsWith('{')) {
        const why = /heap out of memory|Allocation failed/i.test(child.stderr) ? 'out of memory (heap limit reached)' : `exit ${child.status ?? child.signal}: ${child.stderr.trim().split('\n').slice(-3).join(' ')}`;
        process.stderr.write(`validation-memory: ${label} failed: ${why}\n`);
        rows.push(`| ${transactions.toLocaleString('en-US')} | ${idSetOnly ? 'ID set alone, ' : ''}${label} | **failed: ${why}** | | | |`);
        continue;
      }
      const result = JSON.parse(line) as ValidationResult;
      if (result.transactions.valid !== transactions || result.errorCount !== 0) throw new Error(`${label}: the package did not validate clean: ${line}`);
      process.stderr.write(`validation-memory: ${line}\n`);
      rows.push(`| ${transactions.toLocaleString('en-US')} | ${idSetOnly ? 'ID set alone, ' : ''}${label} | ${result.peakHeapMiB.toFixed(0)} MiB | ${result.peakRssMiB.toFixed(0)} MiB | ${result.seconds.toFixed(1)} s | ${Math.round(transactions / result.seconds).toLocaleString('en-US')} tx/s |`);
    }
    process.stdout.write(
      [
        `node ${process.version}, compiled JavaScript, --max-old-space-size=${oldSpace}, "nothing exists" ExistingRecords (an idle node process peaks at ${idle.toFixed(0)} MiB RSS)`,
        '',
        '| transactions | validator | peak heap used | peak RSS | time | throughput |',
        '|---:|---|---:|---:|---:|---:|',
        ...rows,
        '',
      ].join('\n'),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
