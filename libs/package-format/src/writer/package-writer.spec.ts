import { PackageError, PackageWriteError } from '../errors';
import { buildTransaction, buildTransactionFile } from '../testing';
import { collectBytes } from '../../test/support/collect';
import { FIXTURE_FILE_BYTES, fixtureDataset } from '../../test/support/fixture-dataset';
import { readZipEntry, zipEntryNames } from '../../test/support/read-zip-entry';
import { PackageWriter } from './package-writer';

const options = { userId: 'user-1', exportTimestamp: new Date('2024-01-15T10:30:00Z'), housef3Version: '2.5.0' };

/** A writer whose output is being collected. */
function writer(): { writer: PackageWriter; bytes: Promise<Buffer> } {
  const w = new PackageWriter(options);
  const bytes = collectBytes(w.output);
  bytes.catch(() => undefined); // failures are asserted where they matter
  return { writer: w, bytes };
}

async function writeFixture(w: PackageWriter): Promise<void> {
  const dataset = fixtureDataset();
  await w.writeRecords('accounts', dataset.accounts);
  await w.writeRecords('transactions', dataset.transactions);
  await w.writeRecords('categories', dataset.categories);
  await w.writeRecords('file_maps', dataset.file_maps);
  await w.writeRecords('transaction_files', dataset.transaction_files);
}

async function rejection(promise: Promise<unknown>): Promise<PackageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PackageError);
  return error as PackageError;
}

describe('PackageWriter', () => {
  it('writes data files, original files and the manifest last, with checksums of every entry', async () => {
    const { writer: w, bytes } = writer();
    await writeFixture(w);
    const file = fixtureDataset().transaction_files[0];
    const entry = await w.writeFile({ fileId: file?.fileId as string, fileName: 'stmt:1?.csv' }, [FIXTURE_FILE_BYTES], FIXTURE_FILE_BYTES.length);
    expect(entry.path).toBe(`files/${file?.fileId}/stmt_1_.csv`);
    const written = await w.finish();
    const zip = await bytes;
    expect(written.size).toBe(zip.length);
    expect(written.fileName).toBe('export_20240115T103000Z_user-1.zip');
    expect(await zipEntryNames(zip)).toEqual([
      'data/accounts.json',
      'data/transactions.json',
      'data/categories.json',
      'data/file_maps.json',
      'data/transaction_files.json',
      `files/${file?.fileId}/stmt_1_.csv`,
      'manifest.json',
    ]);
    const manifest = JSON.parse((await readZipEntry(zip, 'manifest.json')).toString()) as Record<string, unknown>;
    expect(Object.keys(manifest)).toEqual(['export_format_version', 'export_timestamp', 'user_id', 'housef3_version', 'data_summary', 'checksums', 'compatibility', 'record_counts', 'entries', 'missing_files', 'format_additions']);
    expect(manifest).toEqual(JSON.parse(JSON.stringify(written.manifest)));
    expect(manifest['export_timestamp']).toBe('2024-01-15T10:30:00Z');
    expect(Object.keys(manifest['checksums'] as object)).toHaveLength(6);
    expect((await readZipEntry(zip, 'data/categories.json')).toString()).toMatch(/^\{"categories":\[\n\{"categoryId":/);
  });

  it('writes an empty entity as an empty list', async () => {
    const { writer: w, bytes } = writer();
    expect(await w.writeRecords('file_maps', [])).toBe(0);
    w.abort(new Error('done'));
    await bytes.catch(() => undefined);
  });

  it('refuses an invalid record, destroys the output and refuses every later call', async () => {
    const { writer: w, bytes } = writer();
    const bad = { ...buildTransaction(), amount: 12.5 } as unknown as ReturnType<typeof buildTransaction>;
    const error = await rejection(w.writeRecords('transactions', [buildTransaction(), bad]));
    expect(error).toBeInstanceOf(PackageWriteError);
    expect(error.code).toBe('WRITE_INVALID_RECORD');
    expect(error.message).toMatch(/^transactions record 2 cannot be written to a backup: .*amount/);
    await expect(bytes).rejects.toBe(error);
    expect((await rejection(w.writeRecords('accounts', []))).code).toBe('WRITE_STATE');
  });

  it('fails the package when a record source fails', async () => {
    const { writer: w, bytes } = writer();
    async function* failing(): AsyncGenerator<ReturnType<typeof buildTransaction>> {
      yield buildTransaction();
      throw new Error('DynamoDB throttled');
    }
    await expect(w.writeRecords('transactions', failing())).rejects.toThrow('DynamoDB throttled');
    await expect(bytes).rejects.toThrow('DynamoDB throttled');
  });

  it('refuses to write an entity twice, or to finish without every required entity', async () => {
    const { writer: w, bytes } = writer();
    await w.writeRecords('accounts', []);
    expect((await rejection(w.writeRecords('accounts', []))).message).toMatch(/accounts were already written/);
    const second = writer();
    await second.writer.writeRecords('accounts', []);
    const error = await rejection(second.writer.finish());
    expect(error.code).toBe('WRITE_STATE');
    expect(error.message).toBe('the package has no transactions, categories, file_maps, transaction_files: write every entity before finishing (an empty list is fine)');
    await Promise.allSettled([bytes, second.bytes]);
  });

  it('refuses concurrent calls without breaking the package', async () => {
    const { writer: w, bytes } = writer();
    const first = w.writeRecords('accounts', fixtureDataset().accounts);
    expect((await rejection(w.writeRecords('categories', []))).message).toMatch(/another write is in progress/);
    await first;
    w.abort(new Error('stop'));
    await bytes.catch(() => undefined);
  });

  it('keeps files and transaction_files records in agreement', async () => {
    const orphan = writer();
    await writeFixture(orphan.writer);
    await orphan.writer.writeFile({ fileId: 'no-such-record', fileName: 'a.csv' }, [Buffer.from('x')]);
    expect((await rejection(orphan.writer.finish())).message).toMatch(/the original file no-such-record was written but no transaction_files record has that fileId/);

    const undeclared = writer();
    await writeFixture(undeclared.writer);
    expect((await rejection(undeclared.writer.finish())).message).toMatch(/has neither its original file nor a missing-file declaration/);

    const declared = writer();
    await writeFixture(declared.writer);
    const file = fixtureDataset().transaction_files[0] as ReturnType<typeof buildTransactionFile>;
    declared.writer.declareMissingFile(file, 'archived to GLACIER');
    const written = await declared.writer.finish();
    expect(written.manifest.missing_files).toEqual([{ file_id: file.fileId, file_name: file.fileName, reason: 'archived to GLACIER' }]);
    await Promise.allSettled([orphan.bytes, undeclared.bytes, declared.bytes]);
  });

  it('refuses a file stream of another size than announced, bad file ids and duplicate files', async () => {
    const { writer: w, bytes } = writer();
    expect(() => w.declareMissingFile({ fileId: '../x', fileName: 'a' }, 'r')).toThrow(/cannot name a package folder/);
    await w.writeFile({ fileId: 'f1', fileName: 'a.csv' }, [Buffer.from('abc')]);
    expect((await rejection(w.writeFile({ fileId: 'f1', fileName: 'b.csv' }, []))).message).toMatch(/already written/);
    const short = writer();
    expect((await rejection(short.writer.writeFile({ fileId: 'f2', fileName: 'a.csv' }, [Buffer.from('abc')], 10))).message).toMatch(/delivered 3 bytes instead of 10/);
    await Promise.allSettled([bytes, short.bytes]);
  });

  it('refuses bad options', () => {
    expect(() => new PackageWriter({ ...options, exportTimestamp: new Date('nope') })).toThrow(/exportTimestamp must be a valid Date/);
    expect(() => new PackageWriter({ ...options, userId: '' })).toThrow(/userId must be a non-empty string/);
  });
});
