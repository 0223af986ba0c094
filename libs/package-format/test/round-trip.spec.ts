import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import type { EntityDataset } from '../src/entities';
import { PACKAGE_ENTITIES } from '../src/layout/package-layout';
import { openPackage } from '../src/reader/open-package';
import { verifyPackage } from '../src/reader/verify-package';
import { bufferSource } from '../src/source/package-source';
import { arbDataset, buildDataset } from '../src/testing';
import { writePackage, type PackageFileInput } from '../src/writer/write-package';
import { collectBytes, collectRecords } from './support/collect';

interface Written {
  zip: Buffer;
  files: Map<string, Buffer>;
}

/** Writes a dataset with the given original files (fileId -> bytes); the others are declared missing. */
async function write(dataset: EntityDataset, files: Map<string, Buffer>, exportTimestamp = new Date('2024-03-01T12:00:00Z')): Promise<Written> {
  const inputs: PackageFileInput[] = dataset.transaction_files
    .filter((file) => files.has(file.fileId))
    .map((file) => ({ fileId: file.fileId, fileName: file.fileName, size: files.get(file.fileId)?.length, open: () => chunked(files.get(file.fileId) as Buffer) }));
  const handle = writePackage({
    userId: 'round-trip-user',
    exportTimestamp,
    housef3Version: '2.5.0',
    records: { ...dataset, ...(dataset.analytics.length === 0 ? { analytics: undefined } : {}) },
    files: inputs,
    missingFiles: dataset.transaction_files.filter((file) => !files.has(file.fileId)).map((file) => ({ fileId: file.fileId, fileName: file.fileName, reason: 'not available' })),
  });
  const [zip] = await Promise.all([collectBytes(handle.stream), handle.done]);
  return { zip, files };
}

/** Bytes as a stream of uneven chunks. */
async function* chunked(bytes: Buffer): AsyncGenerator<Buffer> {
  for (let i = 0, size = 1; i < bytes.length; i += size, size = (size * 7) % 65_536 || 1) yield bytes.subarray(i, i + size);
}

async function readBack(zip: Buffer): Promise<{ dataset: EntityDataset; files: Map<string, Buffer> }> {
  const reader = await openPackage(bufferSource(zip));
  try {
    const dataset = {} as Record<string, unknown[]>;
    for (const entity of PACKAGE_ENTITIES) dataset[entity] = await collectRecords(reader, entity);
    const files = new Map<string, Buffer>();
    for (const file of reader.files) files.set(file.fileId, await collectBytes(await reader.openFile(file.fileId)));
    return { dataset: dataset as unknown as EntityDataset, files };
  } finally {
    await reader.close();
  }
}

const arbFiles = (dataset: EntityDataset): fc.Arbitrary<Map<string, Buffer>> =>
  fc
    .array(fc.option(fc.oneof(fc.constant(new Uint8Array(0)), fc.uint8Array({ maxLength: 3000 })), { nil: undefined, freq: 5 }), {
      minLength: dataset.transaction_files.length,
      maxLength: dataset.transaction_files.length,
    })
    .map((contents) => {
      const files = new Map<string, Buffer>();
      dataset.transaction_files.forEach((file, i) => {
        const content = contents[i];
        if (content !== undefined) files.set(file.fileId, Buffer.from(content));
      });
      return files;
    });

const arbPackageInput = arbDataset().chain((dataset) => arbFiles(dataset).map((files) => ({ dataset, files })));

describe('round trip: write then read gives back the same records and bytes', () => {
  it('holds for random datasets (every enum value, unicode, edge amounts, hashes near 2^64, empty and binary files)', async () => {
    await fc.assert(
      fc.asyncProperty(arbPackageInput, async ({ dataset, files }) => {
        const written = await write(dataset, files);
        const read = await readBack(written.zip);
        expect(read.dataset).toEqual(dataset);
        expect(read.files).toEqual(files);
        const report = await verifyPackage(bufferSource(written.zip));
        expect(report.problems).toEqual([]);
        expect(report.manifest?.data_summary).toEqual({
          accounts_count: dataset.accounts.length,
          transactions_count: dataset.transactions.length,
          categories_count: dataset.categories.length,
          file_maps_count: dataset.file_maps.length,
          transaction_files_count: dataset.transaction_files.length,
          analytics_included: dataset.analytics.length > 0,
          user_preferences_included: dataset.user_preferences.length > 0,
          recurring_charge_patterns_count: dataset.recurring_charge_patterns.length,
          recurring_charge_predictions_count: dataset.recurring_charge_predictions.length,
          pattern_feedback_count: dataset.pattern_feedback.length,
        });
      }),
      { numRuns: 25 },
    );
  });

  it('holds for the edge records (hashes just below 2^53, around 2^63, within 2^42 of 2^64)', async () => {
    await fc.assert(
      fc.asyncProperty(arbDataset({ edgeRecords: 'always', maxTransactions: 3 }), async (dataset) => {
        const written = await write(dataset, new Map(dataset.transaction_files.map((f) => [f.fileId, Buffer.from(f.fileName)])));
        expect((await readBack(written.zip)).dataset).toEqual(dataset);
      }),
      { numRuns: 10 },
    );
  });

  it('holds for the fixed coverage dataset, amounts like "0", "-0.00", "1234567890.12" included', async () => {
    const dataset = buildDataset();
    const amounts = dataset.transactions.map((t) => t.amount);
    expect(amounts).toEqual(expect.arrayContaining(['0', '-0.00', '1234567890.12']));
    const files = new Map(dataset.transaction_files.map((f, i) => [f.fileId, i % 2 === 0 ? Buffer.alloc(0) : randomBytes(1000)]));
    const read = await readBack((await write(dataset, files)).zip);
    expect(read.dataset).toEqual(dataset);
    expect(read.files).toEqual(files);
  });

  it('streams a large original file (6 MiB of random bytes) byte for byte', async () => {
    const dataset = buildDataset();
    const big = randomBytes(6 * 1024 * 1024);
    const files = new Map([[dataset.transaction_files[1]?.fileId as string, big]]);
    const read = await readBack((await write(dataset, files)).zip);
    expect(read.files.get(dataset.transaction_files[1]?.fileId as string)?.equals(big)).toBe(true);
  });

  it('is deterministic: the same records, files and timestamp give a byte-identical package', async () => {
    await fc.assert(
      fc.asyncProperty(arbPackageInput, async ({ dataset, files }) => {
        const first = await write(dataset, files);
        const second = await write(reverseKeys(dataset), files);
        expect(second.zip.equals(first.zip)).toBe(true);
      }),
      { numRuns: 10 },
    );
  });
});

/** The same dataset with every object's keys in reverse insertion order (values untouched). */
function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)])) as T;
  }
  return value;
}
