import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bufferSource, computeTransactionHash, openPackage, type EntityName, type EntityRecordOf, type PackageReader } from '@housef3/package-format';
import { fzipVariant } from '@housef3/package-format/testing';
import { newIdFor, transformForImport } from './remap';
import { InMemoryExistingRecords } from './testing/existing-records.fake';
import { issuesOf, validate } from './testing/validate';

/*
 * HouseF3's own backups (.fzip) through the import's domain: the reader converts their records
 * (fzipRecordMigration), validation and the import transform treat them like any package.
 */
const GOLDEN = readFileSync(join(__dirname, '..', '..', 'package-format', 'test', 'golden', 'fzip', 'fzip-1.0-complete.fzip'));
const SOURCE_USER = 'legacy-user-7f3a';
const IMPORT_ID = 'imp-legacy-0001';

async function open(bytes: Buffer = GOLDEN): Promise<PackageReader> {
  return openPackage(bufferSource(bytes, 'fzip golden'));
}

async function records<E extends EntityName>(entity: E): Promise<EntityRecordOf<E>[]> {
  const reader = await open();
  try {
    const out: EntityRecordOf<E>[] = [];
    for await (const item of reader.records(entity)) {
      if (item.record === undefined || item.issues.length > 0) throw new Error(item.issues.map((i) => i.message).join('; '));
      out.push(item.record);
    }
    return out;
  } finally {
    await reader.close();
  }
}

describe('validateImport of a HouseF3 backup (.fzip)', () => {
  it('passes into an empty user, naming the source format and what the backup cannot prove', async () => {
    const report = await validate(await open());
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report).toMatchObject({ ok: true, errorCount: 0, sourceFormat: 'housef3-fzip-1.0', formatVersion: 'fzip-1.0', files: 3 });
    expect(issuesOf(report, 'LEGACY_NO_CHECKSUMS')).toEqual([expect.objectContaining({ entity: 'package', severity: 'warning', message: expect.stringMatching(/this backup carries no checksums/) })]);
    expect(report.summary.transactions).toMatchObject({ valid: 8, errors: 0 });
  });

  it('warns, naming both numbers, when the summary count disagrees with the array', async () => {
    const report = await validate(await open(await fzipVariant(GOLDEN, 'count-mismatch')));
    expect(report.ok).toBe(true);
    expect(issuesOf(report, 'LEGACY_COUNT_MISMATCH')).toEqual([
      expect.objectContaining({ entity: 'package', field: 'data/accounts.json.gz', severity: 'warning', message: expect.stringMatching(/holds 3 accounts but manifest\.json's dataSummary\.accountsCount says 4/) }),
    ]);
  });

  it('passes when HouseF3 left an original file out, warning that its bytes cannot be restored', async () => {
    const report = await validate(await open(await fzipVariant(GOLDEN, 'file-left-out')));
    expect(report.ok).toBe(true);
    expect(issuesOf(report, 'FILE_MISSING_DECLARED')).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/HouseF3 left this original file out/) })]);
    expect(report.files).toBe(2);
  });

  it('refuses IDs another user owns unless remapIds, like any package', async () => {
    const existing = new InMemoryExistingRecords([{ entity: 'accounts', id: '7e57f21b-0000-4000-8000-000000000001', owner: 'someone-else' }]);
    expect(issuesOf(await validate(await open(), existing), 'ID_OWNED_BY_ANOTHER_USER')).toHaveLength(1);
    expect((await validate(await open(), existing, { remapIds: true })).ok).toBe(true);
  });
});

describe('transformForImport of HouseF3 backup records', () => {
  it('drops the source userId (the writer sets the importing user) and keeps IDs and hashes without remapIds', async () => {
    for (const transaction of await records('transactions')) {
      expect(transaction.userId).toBe(SOURCE_USER);
      const out = transformForImport('transactions', transaction, { importId: IMPORT_ID, userId: 'importer', remapIds: false });
      expect(out).not.toHaveProperty('userId');
      expect(out.transactionId).toBe(transaction.transactionId);
      expect(out.transactionHash).toBe(transaction.transactionHash);
      // HouseF3 computed these hashes: they are checked on read (no hash_mismatch issue) and kept.
      expect(computeTransactionHash(transaction.accountId, transaction.date, transaction.amount, transaction.description)).toBe(transaction.transactionHash);
    }
  });

  it('recomputes transactionHash from the new accountId with remapIds', async () => {
    for (const transaction of await records('transactions')) {
      const out = transformForImport('transactions', transaction, { importId: IMPORT_ID, userId: 'importer', remapIds: true });
      const accountId = newIdFor(IMPORT_ID, 'accounts', transaction.accountId);
      expect(out.accountId).toBe(accountId);
      expect(out.transactionHash).toBe(computeTransactionHash(accountId, transaction.date, transaction.amount, transaction.description));
      expect(out.transactionHash).not.toBe(transaction.transactionHash);
      expect(out.amount).toBe(transaction.amount);
    }
  });

  it('puts restored statement files under the importing user', async () => {
    for (const file of await records('transaction_files')) {
      expect(file.s3Key.startsWith(`${SOURCE_USER}/`)).toBe(true);
      const out = transformForImport('transaction_files', file, { importId: IMPORT_ID, userId: 'importer', remapIds: true });
      expect(out.s3Key).toBe(`importer/${out.fileId}/${file.fileName}`);
    }
  });
});
