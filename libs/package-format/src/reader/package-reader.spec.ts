import { Readable } from 'node:stream';
import { PackageError } from '../errors';
import { bufferSource, type PackageSource } from '../source/package-source';
import { PackageSourceError } from '../source/package-source-error';
import { collectBytes, collectRecords } from '../../test/support/collect';
import { craftPackage, dataFiles, designManifest, manifestV1_1 } from '../../test/support/another-tool';
import { FIXTURE_FILE_BYTES, FIXTURE_FILE_NAME, FIXTURE_IDS, fixtureDataset } from '../../test/support/fixture-dataset';
import { openPackage } from './open-package';
import { ENTITY_NAMES } from '../entities';
import { verifyPackage, verifyReader } from './verify-package';

const FILE = `files/${FIXTURE_IDS.file}/${FIXTURE_FILE_NAME}`;

function fixture(version: '1.0' | '1.1' = '1.1', change: (contents: Record<string, Buffer>, manifest: Record<string, unknown>) => void = () => undefined): Buffer {
  const dataset = fixtureDataset();
  const contents = { ...dataFiles(dataset), [FILE]: FIXTURE_FILE_BYTES };
  const manifest = version === '1.0' ? designManifest(dataset, contents) : manifestV1_1(dataset, contents);
  change(contents, manifest);
  return craftPackage(manifest, contents);
}

describe('openPackage / PackageReader', () => {
  it('streams validated records, lists entries and files, opens files verified', async () => {
    const reader = await openPackage(bufferSource(fixture()));
    expect(reader.formatVersion).toBe('1.1');
    expect(reader.warnings).toEqual([]);
    expect(reader.entries.map((e) => e.path)).toEqual(['manifest.json', 'data/accounts.json', 'data/transactions.json', 'data/categories.json', 'data/file_maps.json', 'data/transaction_files.json', FILE]);
    expect(reader.files).toEqual([{ fileId: FIXTURE_IDS.file, path: FILE, name: FIXTURE_FILE_NAME, size: FIXTURE_FILE_BYTES.length, checksum: expect.stringMatching(/^sha256:/) }]);
    expect(reader.hasEntity('analytics')).toBe(false);
    const items = [];
    for await (const item of reader.records('transactions')) items.push(item);
    expect(items.map((i) => [i.index, i.record?.transactionId, i.issues])).toEqual([
      [0, FIXTURE_IDS.transactions[0], []],
      [1, FIXTURE_IDS.transactions[1], []],
    ]);
    expect(await collectRecords(reader, 'analytics')).toEqual([]);
    expect((await collectBytes(await reader.openFile(FIXTURE_IDS.file))).equals(FIXTURE_FILE_BYTES)).toBe(true);
    await expect(reader.openFile('nope')).rejects.toMatchObject({ code: 'FILE_MISSING' });
    await reader.close();
    await reader.close();
  });

  it('can stop an iteration early and read the entity again', async () => {
    const reader = await openPackage(bufferSource(fixture()));
    for await (const item of reader.records('transactions')) {
      expect(item.index).toBe(0);
      break;
    }
    expect(await collectRecords(reader, 'transactions')).toHaveLength(2);
    await reader.close();
  });

  it('throws the first structural problem as a PackageError', async () => {
    const bytes = fixture('1.0', (_c, manifest) => {
      manifest['export_format_version'] = '3.1';
    });
    await expect(openPackage(bufferSource(bytes))).rejects.toThrow(new PackageError('UNSUPPORTED_VERSION', 'package format 3.1 is newer than this system reads (1.2); upgrade HouseF3 backup before importing it'));
  });

  it('yields invalid records with their issues instead of throwing, and passes validation options', async () => {
    const bytes = fixture('1.1', (contents, manifest) => {
      contents['data/accounts.json'] = Buffer.from((contents['data/accounts.json'] as Buffer).toString().replace('"accountName"', '"nickname": "x",\n      "accountName"'));
      Object.assign(manifest, manifestV1_1(fixtureDataset(), contents));
    });
    const strict = await openPackage(bufferSource(bytes));
    const [refused] = await toArray(strict.records('accounts'));
    expect(refused?.record).toBeUndefined();
    expect(refused?.issues[0]).toMatchObject({ entity: 'accounts', field: 'nickname', severity: 'error', code: 'unknown_field' });
    const lenient = await openPackage(bufferSource(bytes), { validation: { unknownFields: 'strip' } });
    const [kept] = await toArray(lenient.records('accounts'));
    expect(kept?.record).toBeDefined();
    expect(kept?.issues[0]).toMatchObject({ field: 'nickname', severity: 'warning' });
    await Promise.all([strict.close(), lenient.close()]);
  });
});

describe('verifyPackage', () => {
  it('reads a newer minor (1.3): unknown fields and entity files are reported, verified, not read', async () => {
    const bytes = fixture('1.1', (contents, manifest) => {
      contents['data/budgets.json'] = Buffer.from('{"budgets":[]}');
      Object.assign(manifest, manifestV1_1(fixtureDataset(), contents), { export_format_version: '1.3', signature: 'abc' });
    });
    const report = await verifyPackage(bufferSource(bytes));
    expect(report.problems).toEqual([]);
    expect(report.warnings.map((w) => w.code)).toEqual(['UNKNOWN_MANIFEST_FIELD', 'NEWER_MINOR_VERSION', 'UNKNOWN_DATA_ENTRY']);
    expect(report.entries.find((e) => e.path === 'data/budgets.json')?.status).toBe('verified');
    expect(report.formatVersion).toBe('1.3');
  });

  it('applies configurable caps: total size and manifest size', async () => {
    const total = await verifyPackage(bufferSource(fixture()), { limits: { maxTotalBytes: 1000 } });
    expect(total.problems[0]).toMatchObject({ code: 'LIMIT_TOTAL_SIZE', message: expect.stringMatching(/more than the limit of 1000 \(maxTotalBytes\)/) });
    const manifest = await verifyPackage(bufferSource(fixture()), { limits: { maxManifestBytes: 100 } });
    expect(manifest.problems[0]).toMatchObject({ code: 'LIMIT_MANIFEST_SIZE', entry: 'manifest.json' });
    const ratio = await verifyPackage(bufferSource(fixture()), { limits: { maxCompressionRatio: 1, compressionRatioMinBytes: 100 } });
    expect(ratio.problems[0]?.code).toBe('LIMIT_COMPRESSION_RATIO');
  });

  it('reports every broken entry, not only the first', async () => {
    const bytes = fixture('1.0', (contents) => {
      contents['data/accounts.json'] = Buffer.from('{"accounts": [}');
      contents[FILE] = Buffer.from('tampered');
    });
    const report = await verifyPackage(bufferSource(bytes));
    // The altered JSON fails its checksum before the tokenizer reaches its end: the more basic fault wins.
    expect(report.problems.map((p) => [p.code, p.entry])).toEqual([
      ['CHECKSUM_MISMATCH', 'data/accounts.json'],
      ['CHECKSUM_MISMATCH', FILE],
    ]);
    expect(report.entries.filter((e) => e.status === 'failed').map((e) => e.path)).toEqual(['data/accounts.json', FILE]);
  });

  it('throws (does not report) when the source itself cannot be read: that may be transient', async () => {
    const bytes = fixture();
    let reads = 0;
    const flaky: PackageSource = {
      size: bytes.length,
      describe: () => 's3://bucket/key',
      createReadStream: (start, end) => {
        reads += 1;
        if (reads > 3) {
          const failing = new Readable({ read: () => undefined });
          process.nextTick(() => failing.destroy(new Error('ECONNRESET')));
          return failing;
        }
        return Readable.from([bytes.subarray(start, end)]);
      },
    };
    await expect(verifyPackage(flaky)).rejects.toThrow(PackageSourceError);
    await expect(verifyPackage(flaky)).rejects.toThrow(/could not read s3:\/\/bucket\/key: ECONNRESET/);
  });
});

describe('verifyReader: verification after a reading of every record', () => {
  /** A source that counts the reads opened on it. */
  const counting = (bytes: Buffer) => {
    const source = { ...bufferSource(bytes), reads: 0 };
    const inner = source.createReadStream;
    source.createReadStream = (start, end) => {
      source.reads += 1;
      return inner(start, end);
    };
    return source;
  };
  /** Every entity read to its end, package problems swallowed, as an import's validation reads them. */
  const readAll = async (reader: Awaited<ReturnType<typeof openPackage>>) => {
    for (const entity of ENTITY_NAMES) {
      try {
        for await (const item of reader.records(entity)) void item;
      } catch (e) {
        if (!(e instanceof PackageError)) throw e;
      }
    }
  };
  const packages: [string, Buffer][] = [
    ['a sound package', fixture()],
    ['broken JSON and a tampered file', fixture('1.0', (contents) => {
      contents['data/accounts.json'] = Buffer.from('{"accounts": [}');
      contents[FILE] = Buffer.from('tampered');
    })],
    ['an invalid record', fixture('1.1', (contents, manifest) => {
      contents['data/accounts.json'] = Buffer.from((contents['data/accounts.json'] as Buffer).toString().replace('"accountName"', '"nickname": "x",\n      "accountName"'));
      Object.assign(manifest, manifestV1_1(fixtureDataset(), contents));
    })],
    ['a record count the manifest does not declare', fixture('1.0', (_contents, manifest) => {
      (manifest['data_summary'] as Record<string, number>)['transactions_count'] = 3;
    })],
    ['a transaction_files record without its file', fixture('1.1', (contents, manifest) => {
      delete contents[FILE];
      Object.assign(manifest, manifestV1_1(fixtureDataset(), contents));
    })],
  ];

  it.each(packages)('reports %s exactly as verifyPackage does, reading only what the pass did not', async (name, bytes) => {
    const expected = await verifyPackage(bufferSource(bytes));
    expect(expected.ok).toBe(name === 'a sound package');
    const source = counting(bytes);
    const reader = await openPackage(source);
    await readAll(reader);
    const afterPass = source.reads;
    const report = await verifyReader(reader);
    const readsOfItsOwn = source.reads - afterPass;
    await reader.close();
    expect(report).toEqual(expected);
    // the original files, and no entity file again
    expect(readsOfItsOwn).toBe(reader.files.length);
  });

  it('reads an entity again when its reading did not reach the end', async () => {
    const bytes = fixture('1.0', (contents) => {
      contents[FILE] = Buffer.from('tampered');
    });
    const source = counting(bytes);
    const reader = await openPackage(source);
    await readAll(reader);
    expect(reader.audit('transactions')).toMatchObject({ read: 2, valid: 2, invalid: 0 });
    for await (const item of reader.records('transactions')) {
      expect(item.index).toBe(0);
      break;
    }
    expect(reader.audit('transactions')).toBeUndefined();
    const afterPass = source.reads;
    const report = await verifyReader(reader);
    expect(source.reads - afterPass).toBe(reader.files.length + 1);
    await reader.close();
    expect(report).toEqual(await verifyPackage(bufferSource(bytes)));
    expect(report.problems.map((p) => [p.code, p.entry])).toEqual([['CHECKSUM_MISMATCH', FILE]]);
  });
});

describe('the agreement between transaction_files records and original files', () => {
  /** A 1.1 package whose one original file is present and `unmatched` more transaction_files records name files it does not hold. */
  const manyMissing = (unmatched: number) => {
    const dataset = fixtureDataset();
    const [present] = dataset.transaction_files;
    const others = Array.from({ length: unmatched }, (_, i) => ({ ...present, fileId: `5a0e${String(i).padStart(4, '0')}-0000-4000-8000-000000000000` }));
    const withOthers = { ...dataset, transaction_files: [present, ...others] };
    const contents = { ...dataFiles(withOthers), [FILE]: FIXTURE_FILE_BYTES };
    return craftPackage(manifestV1_1(withOthers, contents), contents);
  };

  it('lists the first 200 records without their file and counts the rest, keeping only the matched fileIds', async () => {
    const bytes = manyMissing(250);
    const report = await verifyPackage(bufferSource(bytes));
    const missing = report.problems.filter((p) => p.code === 'FILE_MISSING');
    expect(report.ok).toBe(false);
    expect(missing).toHaveLength(201);
    expect(missing[0]?.message).toContain('transaction file 5a0e0000-0000-4000-8000-000000000000 has no original file');
    expect(missing[199]?.message).toContain('5a0e0199-');
    expect(missing[200]?.message).toMatch(/^50 more transaction_files records name other fileIds that have no original file/);
    expect(report.problems.filter((p) => p.code === 'FILE_ORPHAN')).toEqual([]);

    const reader = await openPackage(bufferSource(bytes));
    for await (const item of reader.records('transaction_files')) void item;
    const audit = reader.audit('transaction_files');
    await reader.close();
    expect([...(audit?.fileIds ?? [])]).toEqual([FIXTURE_IDS.file]);
    expect(audit?.unmatchedFiles?.fileIds).toHaveLength(200);
    expect(audit?.unmatchedFiles?.moreRecords).toBe(50);
  });

  it('lists every record without its file when there are no more than 200', async () => {
    const report = await verifyPackage(bufferSource(manyMissing(3)));
    expect(report.problems.map((p) => p.code)).toEqual(['FILE_MISSING', 'FILE_MISSING', 'FILE_MISSING']);
  });
});

async function toArray<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
