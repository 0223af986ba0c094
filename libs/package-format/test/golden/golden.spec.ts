import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ENTITIES_BEFORE_1_2 } from '../../src/layout/package-layout';
import { openPackage } from '../../src/reader/open-package';
import { verifyPackage } from '../../src/reader/verify-package';
import { fileSource } from '../../src/source/file-source';
import { canonicalJson } from '../../src/json/canonical-json';
import { recordKeyOrder } from '../../src/writer/record-key-order';
import { collectBytes, collectRecords } from '../support/collect';
import { readZipEntry } from '../support/read-zip-entry';

/*
 * Golden packages: committed once, read forever. A failure here means backups users already hold
 * would no longer open: fix the code, never the golden.
 */
const golden = (name: string): string => join(__dirname, name);
const DESIGN_MANIFEST_KEYS = ['export_format_version', 'export_timestamp', 'user_id', 'housef3_version', 'data_summary', 'checksums', 'compatibility'];

/** Record counts of the 1.2 entities in a package of an older format: none (it cannot hold them). */
const NONE_OF_1_2 = { user_preferences: 0, recurring_charge_patterns: 0, recurring_charge_predictions: 0, pattern_feedback: 0 };

describe('golden v1.0 packages (written by another tool: Python zipfile, to the design document)', () => {
  it('v1.0-design-example.zip has exactly the design manifest and is read, migrated and verified', async () => {
    const raw = JSON.parse((await readZipEntry(await readFile(golden('v1.0-design-example.zip')), 'manifest.json')).toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(raw)).toEqual(DESIGN_MANIFEST_KEYS);
    expect(Object.keys(raw['checksums'] as object)).toContain('accounts.json');

    const report = await verifyPackage(await fileSource(golden('v1.0-design-example.zip')));
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.formatVersion).toBe('1.0');
    expect(report.warnings.map((w) => w.code)).toEqual(['FORMAT_MIGRATED']);
    expect(report.issueCount).toBe(0);
    expect(report.manifest?.export_format_version).toBe('1.1');
    expect(report.manifest?.record_counts).toEqual({ accounts: 2, transactions: 5, categories: 3, file_maps: 1, transaction_files: 2, analytics: null, ...NONE_OF_1_2 });
    expect(report.manifest?.checksums['data/accounts.json']).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('keeps every value exact: 64-bit hashes, decimal strings, unicode, tabs, files', async () => {
    const reader = await openPackage(await fileSource(golden('v1.0-design-example.zip')));
    try {
      const transactions = await collectRecords(reader, 'transactions');
      expect(transactions.map((t) => [t.amount, t.transactionHash])).toEqual([
        ['-87.28', 10275845125054951334n],
        ['1234567890.12', expect.any(BigInt)],
        ['0', expect.any(BigInt)],
        ['-0.00', expect.any(BigInt)],
        ['1E+3', expect.any(BigInt)],
      ]);
      expect(transactions[0]?.description).toBe('SAINSBURYS.CO.UK \tON 05 JUN BCC');
      expect(transactions[3]?.description).toBe('東京ラーメン 🍜');
      expect(transactions[3]?.status).toBe('duplicate');
      const accounts = await collectRecords(reader, 'accounts');
      expect(accounts[1]).toMatchObject({ accountName: 'Crédit ☃', balance: '-0.00', accountType: 'credit_card' });
      const categories = await collectRecords(reader, 'categories');
      expect(categories[1]?.rules[1]).toMatchObject({ condition: 'amount_between', amountMin: '10.00', amountMax: '250' });
      expect(reader.files.map((f) => [f.fileId, f.name, f.size])).toEqual([
        ['0f0f0f0f-0000-4000-8000-000000000001', 'statement june.csv', 111],
        ['0f0f0f0f-0000-4000-8000-000000000002', 'été ☃.qif', 0],
      ]);
      const csv = await collectBytes(await reader.openFile('0f0f0f0f-0000-4000-8000-000000000001'));
      expect(csv.toString('utf8')).toContain('SAINSBURYS.CO.UK \tON 05 JUN BCC,-87.28');
    } finally {
      await reader.close();
    }
  });

  it('v1.0-infozip-directories.zip (Info-ZIP: directory entries, UTF-8 names without the flag) is read', async () => {
    const report = await verifyPackage(await fileSource(golden('v1.0-infozip-directories.zip')));
    expect(report.problems).toEqual([]);
    expect(report.manifest?.record_counts.transactions).toBe(5);
    expect(report.entries.map((e) => e.path)).toContain('files/0f0f0f0f-0000-4000-8000-000000000002/été ☃.qif');
  });

  it('v1.0-stored-with-analytics.zip (stored entries, full-path checksum keys, analytics) is read', async () => {
    const report = await verifyPackage(await fileSource(golden('v1.0-stored-with-analytics.zip')));
    expect(report.problems).toEqual([]);
    expect(report.records.analytics).toEqual({ declared: null, read: 1, valid: 1, invalid: 0, warnings: 0 });
  });
});

describe('golden v1.1 package (written by this library)', () => {
  it('v1.1-complete.zip verifies, with its declared missing file reported', async () => {
    const report = await verifyPackage(await fileSource(golden('v1.1-complete.zip')));
    expect(report.problems).toEqual([]);
    expect(report.formatVersion).toBe('1.1');
    expect(report.warnings.map((w) => w.code)).toEqual(['FILE_MISSING_DECLARED']);
    expect(report.manifest?.record_counts).toEqual({ accounts: 10, transactions: 19, categories: 4, file_maps: 2, transaction_files: 10, analytics: 10, ...NONE_OF_1_2 });
    expect(report.manifest?.missing_files).toEqual([
      { file_id: 'f1f1f1f1-0000-4000-8000-000000000000', file_name: 'statement-0.csv', reason: expect.stringContaining('GLACIER') },
    ]);
  });

  it('reads every record losslessly: re-encoding gives the committed bytes, edge values intact', async () => {
    const zip = await readFile(golden('v1.1-complete.zip'));
    const reader = await openPackage(await fileSource(golden('v1.1-complete.zip')));
    try {
      for (const entity of ENTITIES_BEFORE_1_2) {
        const records = await collectRecords(reader, entity);
        const text = `{"${entity}":[${records.map((r) => `\n${canonicalJson(r, recordKeyOrder(entity))}`).join(',')}${records.length > 0 ? '\n' : ''}]}\n`;
        expect(text).toBe((await readZipEntry(zip, `data/${entity}.json`)).toString('utf8'));
      }
      const hashes = (await collectRecords(reader, 'transactions')).map((t) => t.transactionHash);
      expect(hashes.some((h) => h > 1n << 63n)).toBe(true);
      expect(hashes).toContain(10275845125054951334n);
      for (const file of reader.files) {
        const bytes = await collectBytes(await reader.openFile(file.fileId));
        expect(`sha256:${createHash('sha256').update(bytes).digest('hex')}`).toBe(file.checksum);
      }
    } finally {
      await reader.close();
    }
  });
});
