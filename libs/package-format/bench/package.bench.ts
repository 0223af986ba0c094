/**
 * Writes then reads packages of 100k and 1M transactions, each size in a fresh child process so
 * that its peak RSS is its own. Not a test: run `npm run bench:package` (add `-- --sizes 100000`
 * to choose sizes). Prints a Markdown table for docs/benchmarks.md.
 *
 * Per size: write (validate + canonical JSON + deflate + sha256, to a temp file), then read the
 * whole package with verifyPackage (inflate + CRC + sha256 + JSON tokenizing + validation of
 * every record + every original file). Peak RSS is sampled every 50 ms and taken from
 * process.resourceUsage().maxRSS at the end.
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
import { compileForBench } from './compile-for-bench';
import { benchAccounts, benchCategories, benchFileBytes, benchTransactionFiles, benchTransactions } from './bench-dataset';

interface SizeResult {
  transactions: number;
  packageBytes: number;
  transactionsJsonBytes: number;
  writeSeconds: number;
  readSeconds: number;
  peakRssWriteMiB: number;
  peakRssMiB: number;
}

const MiB = 1024 * 1024;
const WORKSPACE = join(__dirname, '..', '..', '..');

async function runOne(transactions: number): Promise<SizeResult> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const dir = await mkdtemp(join(tmpdir(), 'package-bench-'));
  const path = join(dir, 'bench.zip');
  try {
    const files = benchTransactionFiles();
    const writeStart = process.hrtime.bigint();
    const handle = writePackage({
      userId: 'bench-user',
      exportTimestamp: new Date('2024-06-01T00:00:00Z'),
      housef3Version: '2.5.0',
      records: { accounts: benchAccounts(), transactions: benchTransactions(transactions), categories: benchCategories(), file_maps: [], transaction_files: files },
      files: files.map((file, i) => ({ fileId: file.fileId, fileName: file.fileName, open: () => benchFileBytes(i) })),
    });
    await pipeline(handle.stream, createWriteStream(path));
    const written = await handle.done;
    const writeSeconds = Number(process.hrtime.bigint() - writeStart) / 1e9;
    const peakRssWriteMiB = Math.max(peak, process.resourceUsage().maxRSS * 1024) / MiB;

    const readStart = process.hrtime.bigint();
    const report = await verifyPackage(await fileSource(path));
    const readSeconds = Number(process.hrtime.bigint() - readStart) / 1e9;
    if (!report.ok || report.records.transactions?.valid !== transactions) {
      throw new Error(`benchmark package did not verify: ${JSON.stringify(report.problems.slice(0, 3))}`);
    }
    clearInterval(sampler);
    const transactionsEntry = written.manifest.entries.find((entry) => entry.path === 'data/transactions.json');
    return {
      transactions,
      packageBytes: (await stat(path)).size,
      transactionsJsonBytes: transactionsEntry?.size ?? 0,
      writeSeconds,
      readSeconds,
      peakRssWriteMiB,
      peakRssMiB: Math.max(peak, process.resourceUsage().maxRSS * 1024) / MiB,
    };
  } finally {
    clearInterval(sampler);
    await rm(dir, { recursive: true, force: true });
  }
}

function table(results: SizeResult[]): string {
  const rows = results.map((r) => {
    const mb = r.transactionsJsonBytes / MiB;
    return `| ${r.transactions.toLocaleString('en-US')} | ${(r.packageBytes / MiB).toFixed(1)} MiB | ${mb.toFixed(1)} MiB | ${r.writeSeconds.toFixed(1)} s (${Math.round(r.transactions / r.writeSeconds).toLocaleString('en-US')} tx/s, ${(mb / r.writeSeconds).toFixed(1)} MiB/s) | ${r.readSeconds.toFixed(1)} s (${Math.round(r.transactions / r.readSeconds).toLocaleString('en-US')} tx/s, ${(mb / r.readSeconds).toFixed(1)} MiB/s) | ${r.peakRssWriteMiB.toFixed(0)} MiB | ${r.peakRssMiB.toFixed(0)} MiB |`;
  });
  return [
    '| transactions | package | transactions.json | write | verify (read + validate) | peak RSS after write | peak RSS (write + read) |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const child = args.indexOf('--child');
  if (child >= 0) {
    const result = await runOne(Number(args[child + 1]));
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const sizesArg = args.indexOf('--sizes');
  const sizes = sizesArg >= 0 ? (args[sizesArg + 1] ?? '').split(',').map(Number) : [100_000, 1_000_000];
  const results: SizeResult[] = [];
  const buildDir = await mkdtemp(join(tmpdir(), 'package-bench-build-'));
  try {
    const script = compileForBench(join(__dirname, '..'), buildDir);
    const baseline = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.resourceUsage().maxRSS))'], { encoding: 'utf8' });
    for (const size of sizes) {
      process.stderr.write(`benchmark: ${size} transactions in a fresh process...\n`);
      const output = execFileSync(process.execPath, ['--expose-gc', script, '--child', String(size)], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { NODE_PATH: join(WORKSPACE, 'node_modules') },
        maxBuffer: 1 << 20,
      });
      results.push(JSON.parse(output.trim().split('\n').pop() as string) as SizeResult);
    }
    process.stdout.write(
      `node ${process.version} (compiled JS, each size in its own process; an idle node process peaks at ${(Number(baseline) / 1024).toFixed(0)} MiB)\n\n${table(results)}\n`,
    );
  } finally {
    await rm(buildDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
