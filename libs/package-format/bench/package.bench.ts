/**
 * Writes then reads packages of 100k and 1M transactions. Not a test: `npm run bench:package`
 * (`-- --sizes 100000,1000000` to choose sizes). Prints a Markdown table for docs/benchmarks.md.
 *
 * The library and this script are first transpiled to plain JavaScript (as production runs), and
 * every phase runs in a fresh process so that its peak RSS (process.resourceUsage().maxRSS, and
 * RSS sampled every 50 ms) is its own: export writes packages, import reads them, in different
 * services.
 * - write: records validated, canonical JSON, deflate, sha256, original files, manifest; to a file.
 * - read: verifyPackage, i.e. inflate, CRC-32, sha256, JSON tokenizing, every record validated,
 *   every original file read.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { verifyPackage } from '../src/reader/verify-package';
import { fileSource } from '../src/source/file-source';
import { writePackage } from '../src/writer/write-package';
import { benchAccounts, benchCategories, benchFileBytes, benchTransactionFiles, benchTransactions } from './bench-dataset';
import { compileForBench } from './compile-for-bench';

interface PhaseResult {
  seconds: number;
  peakRssMiB: number;
  packageBytes?: number;
  transactionsJsonBytes?: number;
}

const MiB = 1024 * 1024;
const WORKSPACE = join(__dirname, '..', '..', '..');

/** Runs `work` while sampling RSS; returns its duration and the process's peak RSS. */
async function measured(work: () => Promise<Partial<PhaseResult>>): Promise<PhaseResult> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const start = process.hrtime.bigint();
  try {
    const extra = await work();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return { ...extra, seconds, peakRssMiB: Math.max(peak, process.resourceUsage().maxRSS * 1024) / MiB };
  } finally {
    clearInterval(sampler);
  }
}

async function writePhase(transactions: number, path: string): Promise<PhaseResult> {
  return measured(async () => {
    const files = benchTransactionFiles();
    const handle = writePackage({
      userId: 'bench-user',
      exportTimestamp: new Date('2024-06-01T00:00:00Z'),
      housef3Version: '2.5.0',
      records: { accounts: benchAccounts(), transactions: benchTransactions(transactions), categories: benchCategories(), file_maps: [], transaction_files: files },
      files: files.map((file, i) => ({ fileId: file.fileId, fileName: file.fileName, open: () => benchFileBytes(i) })),
    });
    await pipeline(handle.stream, createWriteStream(path));
    const written = await handle.done;
    return {
      packageBytes: (await stat(path)).size,
      transactionsJsonBytes: written.manifest.entries.find((entry) => entry.path === 'data/transactions.json')?.size ?? 0,
    };
  });
}

async function readPhase(transactions: number, path: string): Promise<PhaseResult> {
  return measured(async () => {
    const report = await verifyPackage(await fileSource(path));
    if (!report.ok || report.records.transactions?.valid !== transactions) {
      throw new Error(`benchmark package did not verify: ${JSON.stringify(report.problems.slice(0, 3))}`);
    }
    return {};
  });
}

function row(transactions: number, write: PhaseResult, read: PhaseResult): string {
  const mib = (write.transactionsJsonBytes ?? 0) / MiB;
  const rate = (seconds: number): string => `${seconds.toFixed(1)} s (${Math.round(transactions / seconds).toLocaleString('en-US')} tx/s, ${(mib / seconds).toFixed(1)} MiB/s)`;
  return `| ${transactions.toLocaleString('en-US')} | ${((write.packageBytes ?? 0) / MiB).toFixed(1)} MiB | ${mib.toFixed(1)} MiB | ${rate(write.seconds)} | ${write.peakRssMiB.toFixed(0)} MiB | ${rate(read.seconds)} | ${read.peakRssMiB.toFixed(0)} MiB |`;
}

async function child(args: string[]): Promise<void> {
  const [phase, size, path] = args;
  const transactions = Number(size);
  const result = phase === 'write' ? await writePhase(transactions, path as string) : await readPhase(transactions, path as string);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const childAt = args.indexOf('--child');
  if (childAt >= 0) return child(args.slice(childAt + 1));
  const sizesAt = args.indexOf('--sizes');
  const sizes = sizesAt >= 0 ? (args[sizesAt + 1] ?? '').split(',').map(Number) : [100_000, 1_000_000];
  const work = await mkdtemp(join(tmpdir(), 'package-bench-'));
  try {
    const script = compileForBench(join(__dirname, '..'), join(work, 'build'));
    const run = (...childArgs: string[]): PhaseResult => {
      const output = execFileSync(process.execPath, [script, '--child', ...childArgs], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { NODE_PATH: join(WORKSPACE, 'node_modules') },
      });
      return JSON.parse(output.trim().split('\n').pop() as string) as PhaseResult;
    };
    const idle = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.resourceUsage().maxRSS))'], { encoding: 'utf8' })) / 1024;
    const rows: string[] = [];
    for (const size of sizes) {
      const path = join(work, `bench-${size}.zip`);
      process.stderr.write(`benchmark: writing ${size} transactions...\n`);
      const write = run('write', String(size), path);
      process.stderr.write(`benchmark: verifying ${size} transactions...\n`);
      const read = run('read', String(size), path);
      await rm(path, { force: true });
      rows.push(row(size, write, read));
    }
    process.stdout.write(
      [
        `node ${process.version}, compiled JavaScript, default V8 flags, each phase in a fresh process (an idle node process peaks at ${idle.toFixed(0)} MiB)`,
        '',
        '| transactions | package | transactions.json | write | write peak RSS | verify (read + validate) | verify peak RSS |',
        '|---:|---:|---:|---:|---:|---:|---:|',
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
