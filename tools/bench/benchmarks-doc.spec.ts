import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BEGIN, BenchReport, END, mergeReports, renderReport, SizeFigures, windowSummary, writeBenchmarksDoc } from './benchmarks-doc';

const size = (transactions: number, oursMs: number, floorMs: number): SizeFigures => ({
  transactions, files: 12,
  export: { oursMs, floorMs, phasesMs: { collecting: 100, assembling: oursMs - 500 }, peakRssKb: { 'export-service': 153600 }, floorItems: transactions },
});
const report = (sizes: SizeFigures[], date = '2026-11-25T18:00:00.000Z'): BenchReport => ({
  date, node: 'v20', cpus: 2, loadBefore: [1, 1, 1], loadAfter: [2, 2, 2], segments: 4, floorConcurrency: 16, sizes,
});

describe('the generated section of docs/benchmarks.md', () => {
  it('shows each ratio, phase and peak from the figures', () => {
    const text = renderReport(report([size(10000, 3000, 2000)]));
    expect(text).toContain('| export | 10,000 | 3.0 s | 2.0 s | **1.50×** | 3,333 tx/s |');
    expect(text).not.toContain('fenced floor');
    expect(text).toContain('collecting 2.4 s, assembling 0.5 s');
    expect(text).toContain('| export | 10,000 | - | 150 MiB | - | - |');
  });

  it('shows an import beside both its floors', () => {
    const withImport: SizeFigures = { ...size(10000, 3000, 2000), import: { oursMs: 30000, floorMs: 10000, fencedFloorMs: 20000, phasesMs: { validating: 0 }, peakRssKb: {}, floorItems: 10000 } };
    const text = renderReport(report([withImport]));
    expect(text).toContain('| import (remapIds) | 10,000 | 30.0 s | 10.0 s | **3.00×** | 20.0 s | 1.50× | 333 tx/s |');
    expect(text).toContain('| export | 10,000 | 3.0 s | 2.0 s | **1.50×** | - | - | 3,333 tx/s |');
  });

  it('lists every export run beside the median pair the tables show', () => {
    const repeated: SizeFigures = { ...size(100000, 5000, 4000), export: { ...size(100000, 5000, 4000).export, runs: [{ oursMs: 6000, floorMs: 4000 }, { oursMs: 5000, floorMs: 4000 }, { oursMs: 4400, floorMs: 4000 }] } };
    const text = renderReport(report([repeated, size(10000, 3000, 2000)]));
    expect(text).toContain('| export | 100,000 | 5.0 s | 4.0 s | **1.25×** |');
    expect(text).toContain('- 100,000: 6.0 s / 4.0 s = 1.50×; 5.0 s / 4.0 s = 1.25×; 4.4 s / 4.0 s = 1.10×');
    expect(text).not.toContain('- 10,000: ');
    expect(renderReport(report([size(10000, 3000, 2000)]))).not.toContain('Export runs');
  });

  it('shows the peak of each 5 s of a job as its lowest, highest and median, when the run recorded them', () => {
    expect(renderReport(report([size(10000, 3000, 2000)]))).not.toContain('peak of each 5 s');
    const windowed: SizeFigures = { ...size(1000000, 40000, 36000), export: { ...size(1000000, 40000, 36000).export, windowPeakRssKb: { 'export-service': [150 * 1024, 160 * 1024, 155 * 1024, 152 * 1024], 'file-service': [110 * 1024] } } };
    const text = renderReport(report([windowed, size(10000, 3000, 2000)]));
    expect(text).toContain('peak of each 5 s of the job');
    expect(text).toContain('| export | 1,000,000 | 4 | - | 150-160 MiB, median 154 | 110-110 MiB, median 110 | - |');
    expect(text).not.toMatch(/\| export \| 10,000 \| \d+ \| -/);
  });

  it('summarises window peaks: one, an odd and an even number of them, none', () => {
    expect(windowSummary([100 * 1024])).toBe('100-100 MiB, median 100');
    expect(windowSummary([120, 100, 110].map((x) => x * 1024))).toBe('100-120 MiB, median 110');
    expect(windowSummary([100, 130, 120, 110].map((x) => x * 1024))).toBe('100-130 MiB, median 115');
    expect(windowSummary([])).toBe('-');
    expect(windowSummary(undefined)).toBe('-');
  });

  it('replaces only the section between the markers, and appends it to a page without one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-doc-'));
    const page = join(dir, 'benchmarks.md');
    writeFileSync(page, `# Benchmarks\n\nkept\n\n${BEGIN}\nold figures\n${END}\n\nalso kept\n`);
    writeBenchmarksDoc(page, report([size(10000, 3000, 2000)]));
    const text = readFileSync(page, 'utf8');
    expect(text).not.toContain('old figures');
    expect(text.startsWith('# Benchmarks\n\nkept\n\n')).toBe(true);
    expect(text.endsWith(`${END}\n\nalso kept\n`)).toBe(true);
    writeFileSync(page, '# Benchmarks\n');
    writeBenchmarksDoc(page, report([]));
    expect(readFileSync(page, 'utf8')).toMatch(new RegExp(`^# Benchmarks\\n\\n${BEGIN.replace(/[()]/g, '\\$&')}`));
  });

  it('merges runs by size, a later run replacing an earlier one of the same size', () => {
    const merged = mergeReports([report([size(100000, 9000, 6000), size(10000, 1, 1)]), report([size(10000, 3000, 2000)], '2026-11-25T19:00:00.000Z')]);
    expect(merged.sizes.map((x) => [x.transactions, x.export.oursMs])).toEqual([[10000, 3000], [100000, 9000]]);
    expect(merged.runs).toHaveLength(2);
    expect(renderReport(merged)).toContain('Runs of 2026-11-25 18:00 UTC (100,000, 10,000; load 1.0 → 2.0); 2026-11-25 19:00 UTC');
  });

  it('keeps an earlier import of a size when a later run measured only its export', () => {
    const withImport: SizeFigures = { ...size(1000000, 9000, 6000), import: { oursMs: 30000, floorMs: 10000, phasesMs: {}, peakRssKb: {}, floorItems: 1000000 } };
    const merged = mergeReports([report([withImport]), report([size(1000000, 5000, 4000)], '2026-11-25T19:00:00.000Z')]);
    expect(merged.sizes[0]!.export.oursMs).toBe(5000);
    expect(merged.sizes[0]!.import?.oursMs).toBe(30000);
    const replaced = mergeReports([report([withImport]), report([{ ...withImport, import: { ...withImport.import!, oursMs: 20000 } }])]);
    expect(replaced.sizes[0]!.import?.oursMs).toBe(20000);
  });

  it('names each run\'s floor ranges when the merged runs read different numbers', () => {
    const wide: BenchReport = { ...report([size(1000000, 60000, 50000)], '2026-11-25T19:00:00.000Z'), segments: 64 };
    const text = renderReport(mergeReports([report([size(100000, 9000, 6000)]), wide]));
    expect(text).toContain('load 1.0 → 2.0; floor 4 date ranges); 2026-11-25 19:00 UTC (1,000,000; load 1.0 → 2.0; floor 64 date ranges)');
    expect(text).toContain('Floor: the transactions as date ranges (how many: each run above) read in parallel;');
    expect(renderReport(mergeReports([report([size(100000, 9000, 6000)]), report([size(10000, 1, 1)])]))).toContain('Floor: 4 date ranges of transactions read in parallel;');
  });
});
