import { createHash } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';
import { writePackage, type PackageInput } from '../writer/write-package';
import { buildAccount, buildCategory, buildRule } from './builders';
import { craftZip, type CraftEntry, type CraftOptions } from './zip-crafter';

/**
 * Packages built to exhaust memory or work rather than to break the format: each is refused by
 * a cap (or by import validation) before it costs more than a few MiB. Shared by the
 * package-format corpus (test/corpus) and the end-to-end tests through the API.
 *
 * | builder | refused with |
 * |---|---|
 * | recordSizeBombPackage | LIMIT_RECORD_SIZE (maxRecordBytes), while the record is assembled |
 * | centralDirectoryBombPackage | LIMIT_CENTRAL_DIRECTORY_SIZE, from the end record, before listing |
 * | extraFieldBombPackage | LIMIT_EXTRA_FIELD_SIZE, at the entry's central directory record |
 * | entryCommentBombPackage, archiveCommentBombPackage | LIMIT_COMMENT_SIZE |
 * | amplificationPackage | LIMIT_EXPANSION: thousands of small all-zero entries (each under the per-entry ratio's floor) |
 * | deepCategoryCyclePackage | CATEGORY_CYCLE (import validation): a 20,000-deep chain closed into a cycle |
 * | oversizedItemPackage | ITEM_TOO_LARGE (import validation): a category over DynamoDB's 400 KB |
 */

const EMPTY_ENTITIES = ['accounts', 'transactions', 'categories', 'file_maps', 'transaction_files'] as const;

/** Deterministic bytes that do not compress (sha256 in counter mode). */
export function incompressibleBytes(length: number, seed: string): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0, block = 0; i < length; block++) i += createHash('sha256').update(`${seed}:${block}`).digest().copy(out, i);
  return out;
}

const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/**
 * A sound format-1.0 package (the design document's manifest) of the given entity files, empty
 * lists for the others; `counts` gives the records of each file. `change` may alter the crafted
 * entries (manifest first) before they are zipped.
 */
export function designPackage(
  contents: Record<string, Buffer>,
  counts: Partial<Record<(typeof EMPTY_ENTITIES)[number], number>> = {},
  change: (entries: CraftEntry[]) => CraftEntry[] = (entries) => entries,
  options: CraftOptions = {},
): Buffer {
  const files: Record<string, Buffer> = {};
  for (const entity of EMPTY_ENTITIES) files[`data/${entity}.json`] = Buffer.from(`{"${entity}":[]}`);
  Object.assign(files, contents);
  const manifest = {
    export_format_version: '1.0',
    export_timestamp: '2024-01-15T10:30:00Z',
    user_id: 'user_12345',
    housef3_version: '2.5.0',
    data_summary: {
      accounts_count: counts.accounts ?? 0,
      transactions_count: counts.transactions ?? 0,
      categories_count: counts.categories ?? 0,
      file_maps_count: counts.file_maps ?? 0,
      transaction_files_count: counts.transaction_files ?? 0,
      analytics_included: false,
    },
    checksums: Object.fromEntries(Object.entries(files).map(([path, bytes]) => [path, sha256(bytes)])),
    compatibility: { minimum_version: '2.0.0', supported_versions: ['2.0.0', '2.5.0'] },
  };
  const entries: CraftEntry[] = [{ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) }, ...Object.entries(files).map(([name, data]) => ({ name, data }))];
  return craftZip(change(entries), options);
}

/**
 * One transaction record of `bytes` bytes and more (strings of incompressible hex, so no ratio
 * cap stops it first), in an otherwise sound package. Without a per-record byte budget the reader
 * would assemble the whole record before validating it.
 */
export function recordSizeBombPackage(bytes = 1_200_000): Buffer {
  const strings = Math.ceil(bytes / 600_000);
  const parts = Array.from({ length: strings }, (_, i) => `"${incompressibleBytes(300_000, `record-bomb-${i}`).toString('hex')}"`);
  const record = `{"transactionId":"7b1d6c2e-0000-4000-8000-000000000001","accountId":"7b1d6c2e-0000-4000-8000-0000000000aa","notes":[${parts.join(',')}]}`;
  return designPackage({ 'data/transactions.json': Buffer.from(`{"transactions":[\n${record}\n]}`) }, { transactions: 1 });
}

/** A few KiB whose end record declares a central directory of `declaredBytes` (2 GiB): refused before it is read. */
export function centralDirectoryBombPackage(declaredBytes = 2 * 1024 ** 3): Buffer {
  return designPackage({}, {}, (entries) => entries, { declaredCentralDirectorySize: declaredBytes, zip64: true });
}

/** An extra field of `bytes` (the format allows 65,535) on data/accounts.json's central directory record. */
export function extraFieldBombPackage(bytes = 60_000): Buffer {
  const extra = Buffer.alloc(bytes);
  extra.writeUInt16LE(0x6666, 0); // a private field id no reader knows
  extra.writeUInt16LE(bytes - 4, 2);
  return designPackage({}, {}, (entries) => entries.map((entry) => (entry.name === 'data/accounts.json' ? { ...entry, centralExtra: extra } : entry)));
}

/** A comment of `bytes` on data/accounts.json's central directory record. */
export function entryCommentBombPackage(bytes = 60_000): Buffer {
  return designPackage({}, {}, (entries) => entries.map((entry) => (entry.name === 'data/accounts.json' ? { ...entry, centralComment: Buffer.alloc(bytes, 0x41) } : entry)));
}

/** An archive comment (end record) of `bytes`. */
export function archiveCommentBombPackage(bytes = 60_000): Buffer {
  return designPackage({}, {}, (entries) => entries, { comment: Buffer.alloc(bytes, 0x41) });
}

/**
 * `count` entries of `entryBytes` zeros (just under the per-entry ratio check's 1 MiB floor): each
 * deflates to about 1 KB, so 5,000 of them upload as ~5 MB and would inflate to 5 GB of hashing
 * and writes. Only a package-wide expansion cap sees them.
 */
export function amplificationPackage(count = 5_000, entryBytes = 1_000_000): Buffer {
  const zeros = Buffer.alloc(entryBytes);
  const compressed = deflateRawSync(zeros);
  const crc = crc32(zeros);
  return designPackage({}, {}, (entries) => [
    ...entries,
    ...Array.from({ length: count }, (_, i): CraftEntry => ({ name: `files/zeros-${i}/zeros.bin`, compressed, crc32: crc, declaredSize: entryBytes })),
  ]);
}

async function written(records: PackageInput['records']): Promise<Buffer> {
  const handle = writePackage({ userId: 'user_12345', exportTimestamp: new Date('2024-01-15T10:30:00Z'), housef3Version: '2.5.0', records, files: [] });
  const parts: Buffer[] = [];
  handle.stream.on('data', (chunk: Buffer) => parts.push(chunk));
  await handle.done;
  return Buffer.concat(parts);
}

const EMPTY_RECORDS = { accounts: [], transactions: [], categories: [], file_maps: [], transaction_files: [] };

/** `depth` categories each the parent of the next, the last the parent of the first: a cycle 20,000 long. */
export async function deepCategoryCyclePackage(depth = 20_000): Promise<Buffer> {
  const id = (i: number): string => `c0000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
  const categories = Array.from({ length: depth }, (_, i) => buildCategory({ categoryId: id(i), name: `Level ${i}`, parentCategoryId: id((i + depth - 1) % depth) }));
  return written({ ...EMPTY_RECORDS, categories });
}

/** A category whose 14 rules of 30,000 characters are each within bounds, the item over DynamoDB's 400 KB. */
export async function oversizedItemPackage(): Promise<Buffer> {
  const rules = Array.from({ length: 14 }, (_, i) => buildRule({ ruleId: `rule_${i.toString(16).padStart(8, '0')}`, value: 'x'.repeat(30_000) }));
  return written({ ...EMPTY_RECORDS, accounts: [buildAccount()], categories: [buildCategory({ categoryId: 'c1000000-0000-4000-8000-000000000001', rules })] });
}
