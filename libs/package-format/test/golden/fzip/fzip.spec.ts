import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/run-cli';
import { openPackage } from '../../../src/reader/open-package';
import { verifyPackage } from '../../../src/reader/verify-package';
import { fileSource } from '../../../src/source/file-source';
import { fzipExpectedRecords, fzipFiles, fzipVariant, type FzipVariant } from '../../../src/testing';
import { collectBytes, collectRecords } from '../../support/collect';

/*
 * HouseF3's own backups (.fzip), written by HouseF3's FZIP export code (make_fzip_goldens.py) and
 * committed once. They must always read, converted to the current model.
 */
const GOLDENS = ['fzip-1.0-complete.fzip', 'fzip-1.0-small.fzip'] as const;
const golden = (name: string): string => join(__dirname, name);
const ENTITIES = ['accounts', 'transactions', 'categories', 'file_maps', 'transaction_files'] as const;

/** A validated record as plain JSON: bigint transactionHash as its digits. */
function plain(record: unknown): unknown {
  return JSON.parse(JSON.stringify(record, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
}

async function variantPath(variant: FzipVariant): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'fzip-')), `${variant}.fzip`);
  await writeFile(path, await fzipVariant(await readFile(golden('fzip-1.0-complete.fzip')), variant));
  return path;
}

describe.each(GOLDENS)('HouseF3 backup golden %s', (name) => {
  it('verifies as housef3-fzip-1.0, saying what it cannot prove', async () => {
    const report = await verifyPackage(await fileSource(golden(name)));
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.sourceFormat).toBe('housef3-fzip-1.0');
    expect(report.formatVersion).toBe('fzip-1.0');
    expect(report.issueCount).toBe(0);
    expect(report.warnings.map((w) => w.code)).toEqual(['LEGACY_FORMAT_CONVERTED', 'LEGACY_NO_CHECKSUMS']);
    expect(report.warnings[1]?.message).toMatch(/this backup carries no checksums/);
    expect(report.entries.every((e) => e.status === 'verified')).toBe(true);
  });

  it('yields every record converted field by field: decoration dropped, the rest exactly as HouseF3 wrote it', async () => {
    const expected = await fzipExpectedRecords(await readFile(golden(name)));
    const reader = await openPackage(await fileSource(golden(name)));
    try {
      expect(reader.sourceFormat).toBe('housef3-fzip-1.0');
      for (const entity of ENTITIES) {
        const records = (await collectRecords(reader, entity)).map(plain);
        expect(records).toEqual(expected[entity] ?? []);
      }
      expect(reader.notices.map((n) => n.code)).toEqual(['LEGACY_NO_CHECKSUMS']);
      const files = await fzipFiles(await readFile(golden(name)));
      expect(reader.files.map((f) => f.path).sort()).toEqual([...files.keys()].sort());
      for (const file of reader.files) expect((await collectBytes(await reader.openFile(file.fileId))).equals(files.get(file.path) as Buffer)).toBe(true);
    } finally {
      await reader.close();
    }
  });

  it('`npm run package -- verify` says OK', async () => {
    let out = '';
    expect(await runCli(['verify', golden(name)], (text) => (out += text), () => undefined)).toBe(0);
    expect(out).toMatch(/^OK: /);
  });
});

describe('the complete golden keeps HouseF3 quirks', () => {
  it('bare-integer hashes beyond 2^53 exact, duplicates, zero and negative amounts, exponent decimals, dateRange', async () => {
    const reader = await openPackage(await fileSource(golden('fzip-1.0-complete.fzip')));
    try {
      const transactions = await collectRecords(reader, 'transactions');
      expect(transactions.filter((t) => t.status === 'duplicate')).toHaveLength(2);
      expect(transactions.map((t) => t.amount)).toEqual(expect.arrayContaining(['-87.28', '0.00', '-0.00', '1E+3', '2500.00', '-100.00', '100.00']));
      expect(transactions.some((t) => t.transactionHash > 2n ** 63n)).toBe(true);
      expect(transactions.find((t) => t.description === '東京ラーメン 🍜')?.currency).toBe('JPY');
      expect(transactions.find((t) => t.amount === '1E+3')?.currency).toBe('other');
      const files = await collectRecords(reader, 'transaction_files');
      expect(files[0]?.dateRange).toEqual({ startDate: 1716768000000, endDate: 1717632000000 });
      const categories = await collectRecords(reader, 'categories');
      expect(categories.find((c) => c.parentCategoryId !== undefined)?.rules[0]).toMatchObject({ condition: 'amount_between', amountMin: '10.00', amountMax: '250' });
    } finally {
      await reader.close();
    }
  });
});

describe('damaged HouseF3 backups', () => {
  it('a corrupt gzip entry is refused, naming the entry', async () => {
    const report = await verifyPackage(await fileSource(await variantPath('corrupt-gzip')));
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ code: 'ENTRY_CORRUPT', entry: 'data/transactions.json.gz' })]);
    expect(report.problems[0]?.message).toMatch(/is not valid gzip data/);
  });

  it('a gzip bomb inside a ZIP entry is refused by the ratio cap while inflating', async () => {
    const report = await verifyPackage(await fileSource(await variantPath('gzip-bomb')));
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ code: 'LIMIT_COMPRESSION_RATIO', entry: 'data/transactions.json.gz' })]);
    expect(report.problems[0]?.message).toMatch(/gzip bombs/);
  });

  it('a count that disagrees with its array reads, with a warning naming both counts', async () => {
    const report = await verifyPackage(await fileSource(await variantPath('count-mismatch')));
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    const warning = report.warnings.find((w) => w.code === 'LEGACY_COUNT_MISMATCH');
    expect(warning?.message).toMatch(/^data\/accounts\.json\.gz holds 3 accounts but manifest\.json's dataSummary\.accountsCount says 4/);
  });

  it('an original file HouseF3 left out is declared missing: the record reads, with a warning', async () => {
    const report = await verifyPackage(await fileSource(await variantPath('file-left-out')));
    expect(report.problems).toEqual([]);
    expect(report.manifest?.missing_files).toEqual([{ file_id: '7e57f21b-0000-4000-8000-000000000031', file_name: 'savings.qif', reason: expect.stringMatching(/^HouseF3 left this original file out/) }]);
    expect(report.warnings.filter((w) => w.code === 'FILE_MISSING_DECLARED')).toHaveLength(1);
    expect(report.records.transaction_files).toMatchObject({ read: 3, valid: 3 });
  });

  it('an LZMA entry is refused with the method named and what to do', async () => {
    const report = await verifyPackage(await fileSource(await variantPath('lzma')));
    expect(report.problems).toEqual([expect.objectContaining({ code: 'ENTRY_UNSUPPORTED_COMPRESSION', entry: 'data/accounts.json.gz' })]);
    expect(report.problems[0]?.message).toMatch(/compression method 14 \(LZMA\).*pack the same files again with deflate/);
  });
});
