import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '@housef3/testing';
import { BenchReport, mergeReports, writeBenchmarksDoc } from './benchmarks-doc';

/**
 * Writes the generated section of docs/benchmarks.md from saved `npm run bench` output (its
 * stdout: a JSON report after every size; the last one of each file counts), several runs merged:
 *   node tools/run-ts.cjs tools/bench/write-doc.ts run-100k.json run-10k.json
 */
function lastReport(file: string): BenchReport {
  const text = readFileSync(file, 'utf8');
  const start = text.lastIndexOf('\n{\n') >= 0 ? text.lastIndexOf('\n{\n') + 1 : text.indexOf('{');
  return JSON.parse(text.slice(start)) as BenchReport;
}

const files = process.argv.slice(2);
if (!files.length) {
  console.error('usage: node tools/run-ts.cjs tools/bench/write-doc.ts <bench-output.json>...');
  process.exit(2);
}
writeBenchmarksDoc(resolve(REPO_ROOT, 'docs/benchmarks.md'), mergeReports(files.map(lastReport)));
console.error('docs/benchmarks.md updated');
