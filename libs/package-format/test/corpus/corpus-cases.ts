import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { EntityDataset } from '../../src/entities';
import type { PackageErrorCode } from '../../src/errors';
import { anotherToolJson, craftPackage, dataFiles, designManifest, manifestV1_1, type DataFiles } from '../support/another-tool';
import { FIXTURE_FILE_BYTES, FIXTURE_FILE_NAME, FIXTURE_IDS, fixtureDataset } from '../support/fixture-dataset';
import {
  amplificationPackage,
  archiveCommentBombPackage,
  centralDirectoryBombPackage,
  entryCommentBombPackage,
  extraFieldBombPackage,
  recordSizeBombPackage,
} from '../../src/testing/resource-bombs';
import { craftZip, type CraftEntry } from '../support/zip-crafter';

/**
 * The hostile and broken package corpus. Each case builds its package deterministically and
 * names the error verify must refuse it with: the code and a pattern of the message (the first
 * problem reported). Cases marked `commit` are small and also committed under packages/ (see
 * generate-corpus.ts) so that the CLI can be tried on them.
 */
export interface CorpusCase {
  readonly id: string;
  readonly description: string;
  readonly code: PackageErrorCode;
  readonly message: RegExp;
  /** Small enough (< 64 KiB) to commit as packages/<id>.zip. */
  readonly commit: boolean;
  build(): Buffer;
}

const FILE = `files/${FIXTURE_IDS.file}/${FIXTURE_FILE_NAME}`;
const OTHER_FILE_ID = 'f1f1f1f1-0000-4000-8000-0000000000ff';

interface Base {
  readonly dataset: EntityDataset;
  readonly contents: DataFiles;
}

function base(): Base {
  const dataset = fixtureDataset();
  return { dataset, contents: { ...dataFiles(dataset), [FILE]: FIXTURE_FILE_BYTES } };
}

/** A 1.0 package of the design document, after `change` altered its parts. */
function v10(change: (parts: { dataset: EntityDataset; contents: DataFiles; manifest: Record<string, unknown>; extra: CraftEntry[] }) => void = () => undefined): Buffer {
  const { dataset, contents } = base();
  const parts = { dataset, contents, manifest: designManifest(dataset, contents), extra: [] as CraftEntry[] };
  change(parts);
  return craftPackage(parts.manifest, parts.contents, parts.extra);
}

/** The entries of a valid 1.0 package as crafter entries, manifest first (to replace one). */
function v10Entries(): CraftEntry[] {
  const { dataset, contents } = base();
  const manifest = Buffer.from(JSON.stringify(designManifest(dataset, contents), null, 2));
  return [{ name: 'manifest.json', data: manifest }, ...Object.entries(contents).map(([name, data]) => ({ name, data }))];
}

function replaceEntry(entries: CraftEntry[], name: string, replacement: Partial<CraftEntry>): CraftEntry[] {
  return entries.map((entry) => (entry.name === name ? { ...entry, ...replacement } : entry));
}

/** Deterministic bytes that do not compress (sha256 counter mode). */
function noise(length: number, seed: string): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0, block = 0; i < length; block++) {
    const digest = createHash('sha256').update(`${seed}:${block}`).digest();
    i += digest.copy(out, i);
  }
  return out;
}

/** Rewrites one record field in the JSON of an entity file, as text. */
function editJson(bytes: Buffer | undefined, from: string | RegExp, to: string): Buffer {
  const text = (bytes as Buffer).toString('utf8');
  const edited = text.replace(from, to);
  if (edited === text) throw new Error(`corpus: ${String(from)} not found`);
  return Buffer.from(edited, 'utf8');
}

function unicodePathExtra(rawName: string, claimed: string): Buffer {
  const name = Buffer.from(claimed, 'utf8');
  const data = Buffer.alloc(5 + name.length);
  data.writeUInt8(1, 0);
  data.writeUInt32LE(crc32(Buffer.from(rawName, 'utf8')) >>> 0, 1);
  name.copy(data, 5);
  const header = Buffer.alloc(4);
  header.writeUInt16LE(0x7075, 0);
  header.writeUInt16LE(data.length, 2);
  return Buffer.concat([header, data]);
}

function zip64SizeExtra(size: number): Buffer {
  const extra = Buffer.alloc(12);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(8, 2);
  extra.writeBigUInt64LE(BigInt(size), 4);
  return extra;
}

const ts = (id: string, description: string, code: PackageErrorCode, message: RegExp, build: () => Buffer, commit = true): CorpusCase => ({ id, description, code, message, build, commit });

export const CORPUS: readonly CorpusCase[] = [
  ts('01-zip-slip', 'an entry named ../../../../tmp/evil.sh (zip slip)', 'ENTRY_NAME_TRAVERSAL', /"\.\.\/\.\.\/\.\.\/\.\.\/tmp\/evil\.sh" contains "\.\." and points outside the package/, () =>
    v10((p) => p.extra.push({ name: '../../../../tmp/evil.sh', data: Buffer.from('echo pwned\n') })),
  ),
  ts('02-absolute-path', 'an entry named /etc/cron.d/housef3', 'ENTRY_NAME_ABSOLUTE', /"\/etc\/cron\.d\/housef3" is an absolute path/, () =>
    v10((p) => p.extra.push({ name: '/etc/cron.d/housef3', data: Buffer.from('* * * * * root sh\n') })),
  ),
  ts('03-windows-drive-path', 'an entry named C:/Windows/System32/evil.dll', 'ENTRY_NAME_ABSOLUTE', /"C:\/Windows\/System32\/evil\.dll" is an absolute path/, () =>
    v10((p) => p.extra.push({ name: 'C:/Windows/System32/evil.dll', data: Buffer.from('MZ') })),
  ),
  ts('04-backslash', 'an entry named files\\..\\..\\evil.bat', 'ENTRY_NAME_BACKSLASH', /contains a backslash/, () =>
    v10((p) => p.extra.push({ name: 'files\\..\\..\\evil.bat', data: Buffer.from('del *') })),
  ),
  ts('05-control-character', 'an entry name with a NUL byte', 'ENTRY_NAME_INVALID', /contains a control character/, () =>
    v10((p) => p.extra.push({ name: `files/${FIXTURE_IDS.file}/statement.csv\u0000.exe`, data: Buffer.from('x') })),
  ),
  ts('06-unicode-path-disagrees', 'an entry whose Unicode path extra field names another path than its header', 'ENTRY_NAME_INVALID', /has two different names/, () =>
    craftZip(replaceEntry(v10Entries(), FILE, { centralExtra: unicodePathExtra(FILE, '../../evil.csv') })),
  ),
  ts('07-symlink', 'the original file is a symbolic link to /etc/passwd', 'ENTRY_LINK', /"files\/.*statement\.csv" is a symbolic link/, () =>
    craftZip(replaceEntry(v10Entries(), FILE, { data: Buffer.from('/etc/passwd'), method: 0, externalAttributes: (0o120777 << 16) >>> 0 })),
  ),
  ts('08-windows-reparse-point', 'an entry marked as an NTFS reparse point (Windows link)', 'ENTRY_LINK', /is a symbolic link/, () =>
    craftZip(replaceEntry(v10Entries(), FILE, { versionMadeBy: 20, externalAttributes: 0x420 })),
  ),
  ts('09-fifo', 'an entry that is a named pipe', 'ENTRY_NOT_REGULAR_FILE', /is a special file \(mode 10644\)/, () =>
    craftZip(replaceEntry(v10Entries(), FILE, { externalAttributes: (0o010644 << 16) >>> 0 })),
  ),
  ts('10-duplicate-entry', 'data/accounts.json twice, with different contents', 'ENTRY_DUPLICATE', /"data\/accounts\.json" appears more than once/, () =>
    v10((p) => p.extra.push({ name: 'data/accounts.json', data: anotherToolJson('accounts', []) })),
  ),
  ts('11-unexpected-entry', 'an extra entry run-me.sh at the root', 'ENTRY_UNEXPECTED', /"run-me\.sh" is not part of a HouseF3 backup/, () =>
    v10((p) => {
      p.contents['run-me.sh'] = Buffer.from('#!/bin/sh\n');
    }),
  ),
  ts('12-zip-bomb-ratio', 'a 20 MiB original file of zeros compressed to 20 KiB', 'LIMIT_COMPRESSION_RATIO', /expands 1\d{3} times .* zip bombs/, () =>
    v10((p) => {
      p.contents[FILE] = Buffer.alloc(20 * 1024 * 1024);
      p.manifest = designManifest(p.dataset, p.contents);
    }),
  ),
  ts('13-lying-size', 'an entry declaring 100 bytes that inflates to 2 MiB', 'ENTRY_SIZE_MISMATCH', /unpacks to more than the 100 bytes its header declares/, () =>
    craftZip(replaceEntry(v10Entries(), FILE, { data: Buffer.alloc(2 * 1024 * 1024, 0x41), declaredSize: 100 })),
  ),
  ts('14-entry-too-large', 'an entry declaring 9 GiB (ZIP64)', 'LIMIT_ENTRY_SIZE', /would unpack to 9663676416 bytes, more than the limit of 8589934592/, () =>
    craftZip(replaceEntry(v10Entries(), FILE, { declaredSize: 0xffffffff, centralExtra: zip64SizeExtra(9 * 1024 ** 3) })),
  ),
  ts('15-too-many-entries', 'an end record declaring 200,000 entries', 'LIMIT_ENTRY_COUNT', /has 200000 entries, more than the limit of 100000/, () =>
    craftZip(v10Entries(), { declaredEntryCount: 200_000 }),
  ),
  ts('16-overlapping-entries', 'two central directory records sharing one local header (overlapping-file zip bomb)', 'ENTRY_OVERLAP', /overlaps entry .* share bytes/, () => {
    const entries = v10Entries();
    const index = entries.findIndex((entry) => entry.name === FILE);
    return craftZip([...entries, { name: `files/${OTHER_FILE_ID}/copy.csv`, data: FIXTURE_FILE_BYTES, sharesLocalHeaderOf: index }]);
  }),
  ts('17-local-header-mismatch', 'the local header of data/accounts.json names another file', 'ENTRY_LOCAL_HEADER_MISMATCH', /local header disagrees with the central directory \(it names the entry "data\/evil\.json"\)/, () =>
    craftZip(replaceEntry(v10Entries(), 'data/accounts.json', { localName: 'data/evil.json' })),
  ),
  ts('18-truncated', 'a package cut short (interrupted upload)', 'ZIP_TRUNCATED', /starts like a ZIP file but its end .* is missing: the file is truncated/, () => {
    const whole = v10();
    return whole.subarray(0, Math.floor(whole.length * 0.6));
  }),
  ts('19-not-a-zip', 'a PDF renamed to .zip', 'NOT_A_ZIP', /is not a ZIP file; a HouseF3 backup is a \.zip package/, () => Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1')),
  ts('20-bad-crc', 'data/accounts.json whose ZIP CRC-32 does not match', 'ENTRY_CRC_MISMATCH', /"data\/accounts\.json" fails its ZIP CRC-32 check/, () => {
    const entries = v10Entries();
    const accounts = entries.find((entry) => entry.name === 'data/accounts.json')?.data as Buffer;
    return craftZip(replaceEntry(entries, 'data/accounts.json', { crc32: (crc32(accounts) ^ 0x1) >>> 0 }));
  }),
  ts('21-wrong-checksum', 'data/transactions.json altered after the manifest was written', 'CHECKSUM_MISMATCH', /"data\/transactions\.json" does not match its checksum in manifest\.json/, () =>
    v10((p) => {
      p.contents['data/transactions.json'] = editJson(p.contents['data/transactions.json'], '"amount": "-3.50"', '"amount": "-350.00"');
    }),
  ),
  ts('22-missing-entity-file', 'no data/categories.json', 'ENTRY_MISSING', /has no data\/categories\.json; every backup holds it/, () =>
    v10((p) => {
      delete p.contents['data/categories.json'];
      p.manifest = designManifest(p.dataset, p.contents);
    }),
  ),
  ts('23-missing-listed-file', 'an original file listed in checksums but absent', 'ENTRY_MISSING', /lists a checksum for files\/.*statement\.csv, but the package has no such entry/, () =>
    v10((p) => {
      delete p.contents[FILE];
    }),
  ),
  ts('24-entry-without-checksum', 'an original file without a checksum in the manifest', 'CHECKSUM_MISSING', /has no checksum for files\/.*statement\.csv/, () =>
    v10((p) => {
      delete (p.manifest['checksums'] as Record<string, string>)[FILE];
    }),
  ),
  ts('25-orphan-file', 'an original file that belongs to no transaction_files record', 'FILE_ORPHAN', /belongs to no transaction_files record/, () =>
    v10((p) => {
      p.contents[`files/${OTHER_FILE_ID}/planted.csv`] = Buffer.from('a,b\n');
      p.manifest = designManifest(p.dataset, p.contents);
    }),
  ),
  ts('26-two-files-one-id', 'two original files under one fileId', 'FILE_DUPLICATE', /both claim to be the original file of/, () =>
    v10((p) => {
      p.contents[`files/${FIXTURE_IDS.file}/statement-copy.csv`] = FIXTURE_FILE_BYTES;
      p.manifest = designManifest(p.dataset, p.contents);
    }),
  ),
  ts('27-no-manifest', 'no manifest.json', 'MANIFEST_MISSING', /has no manifest\.json/, () => craftZip(v10Entries().filter((entry) => entry.name !== 'manifest.json'))),
  ts('28-manifest-broken-json', 'manifest.json cut in the middle', 'JSON_SYNTAX', /manifest\.json is not valid JSON/, () => {
    const { dataset, contents } = base();
    const text = JSON.stringify(designManifest(dataset, contents), null, 2);
    return craftPackage(Buffer.from(text.slice(0, text.length / 2)), contents);
  }),
  ts('29-manifest-wrong-types', 'counts as strings and analytics_included as "no"', 'MANIFEST_INVALID', /data_summary\.analytics_included must be true or false, got "no"; data_summary\.transactions_count must be a non-negative integer, got "2"/, () =>
    v10((p) => {
      const summary = p.manifest['data_summary'] as Record<string, unknown>;
      summary['transactions_count'] = '2';
      summary['analytics_included'] = 'no';
    }),
  ),
  ts('30-newer-major-version', 'format 2.0', 'UNSUPPORTED_VERSION', /^package format 2\.0 is newer than this system reads \(1\.2\); upgrade HouseF3 backup before importing it$/, () =>
    v10((p) => {
      p.manifest['export_format_version'] = '2.0';
    }),
  ),
  ts('31-manifest-duplicate-key', 'manifest.json with export_format_version twice', 'JSON_DUPLICATE_KEY', /the key "export_format_version" appears twice/, () => {
    const { dataset, contents } = base();
    const text = JSON.stringify(designManifest(dataset, contents), null, 2).replace('{', '{\n  "export_format_version": "9.0",');
    return craftPackage(Buffer.from(text), contents);
  }),
  ts('32-data-broken-json', 'data/transactions.json cut inside a record', 'JSON_SYNTAX', /data\/transactions\.json (is not valid JSON|ends before its JSON is complete)/, () =>
    v10((p) => {
      const text = (p.contents['data/transactions.json'] as Buffer).toString('utf8');
      p.contents['data/transactions.json'] = Buffer.from(text.slice(0, Math.floor(text.length * 0.7)));
      p.manifest = designManifest(p.dataset, p.contents);
    }),
  ),
  ts('33-data-wrong-shape', 'data/accounts.json is a bare array', 'DATA_SHAPE', /data\/accounts\.json does not have the layout of a HouseF3 entity file: the file must be a JSON object/, () =>
    v10((p) => {
      p.contents['data/accounts.json'] = Buffer.from(JSON.stringify(p.dataset.accounts));
      p.manifest = designManifest(p.dataset, p.contents);
    }),
  ),
  ts('34-record-wrong-types', 'a transaction whose amount is a float and date a string', 'RECORD_INVALID', /data\/transactions\.json: 1 of 2 records are invalid; first: .*amount/, () =>
    v10((p) => {
      p.contents['data/transactions.json'] = editJson(p.contents['data/transactions.json'], '"amount": "-3.50"', '"amount": -3.5');
      p.manifest = designManifest(p.dataset, p.contents);
    }),
  ),
  ts('35-record-count-mismatch', 'data_summary says 3 transactions, the file holds 2', 'RECORD_COUNT_MISMATCH', /data\/transactions\.json holds 2 records but manifest\.json declares 3/, () =>
    v10((p) => {
      (p.manifest['data_summary'] as Record<string, unknown>)['transactions_count'] = 3;
    }),
  ),
  ts('36-json-too-deep', 'a record nesting arrays 100 levels deep', 'LIMIT_JSON_DEPTH', /nested 33 levels deep, more than the limit of 32/, () =>
    v10((p) => {
      p.contents['data/transactions.json'] = editJson(p.contents['data/transactions.json'], '"description": "COFFEE SHOP"', `"description": "COFFEE SHOP", "memo": ${'['.repeat(100)}${']'.repeat(100)}`);
      p.manifest = designManifest(p.dataset, p.contents);
    }),
  ),
  ts(
    '37-json-huge-string',
    'a 1.1 million character string in manifest.json (in a record, maxRecordBytes stops it first)',
    'LIMIT_STRING_LENGTH',
    /manifest\.json: a string is longer than 1048576 characters/,
    () =>
      v10((p) => {
        p.manifest['housef3_version'] = noise(1_100_000 / 2, 'string').toString('hex');
      }),
    false,
  ),
  ts('38-number-too-long', 'a 101-digit number', 'LIMIT_NUMBER_LENGTH', /a number is longer than 64 characters/, () =>
    v10((p) => {
      p.contents['data/transactions.json'] = editJson(p.contents['data/transactions.json'], /"importOrder": 1/, `"importOrder": 1${'0'.repeat(100)}`);
      p.manifest = designManifest(p.dataset, p.contents);
    }),
  ),
  ts('39-invalid-utf8', 'a description with bytes that are not UTF-8', 'JSON_ENCODING', /data\/transactions\.json is not valid UTF-8 text/, () =>
    v10((p) => {
      const text = (p.contents['data/transactions.json'] as Buffer).toString('latin1').replace('COFFEE SHOP', 'COFFEE \u00c3\u0028SHOP');
      p.contents['data/transactions.json'] = Buffer.from(text, 'latin1');
      p.manifest = designManifest(p.dataset, p.contents);
    }),
  ),
  ts('40-encrypted-entry', 'an original file with the encryption flag', 'ENTRY_ENCRYPTED', /is encrypted/, () => craftZip(replaceEntry(v10Entries(), FILE, { flags: 0x1 }))),
  ts('41-lzma-entry', 'an original file compressed with LZMA (method 14)', 'ENTRY_UNSUPPORTED_COMPRESSION', /uses compression method 14 \(LZMA\); only stored \(0\) and deflate \(8\)/, () =>
    craftZip(replaceEntry(v10Entries(), FILE, { method: 14 })),
  ),
  ts('42-v1.1-entries-disagree', 'a 1.1 manifest whose entries list gives a wrong size', 'MANIFEST_MISMATCH', /entries says data\/accounts\.json has 1 bytes, the ZIP says \d+/, () => {
    const { dataset, contents } = base();
    const manifest = manifestV1_1(dataset, contents);
    for (const entry of manifest['entries'] as { path: string; size: number }[]) if (entry.path === 'data/accounts.json') entry.size = 1;
    return craftPackage(manifest, contents);
  }),
  ts('43-corrupt-deflate', 'data/accounts.json whose compressed bytes are garbage', 'ENTRY_CORRUPT', /"data\/accounts\.json" cannot be unpacked \(invalid block type\)/, () =>
    craftZip(replaceEntry(v10Entries(), 'data/accounts.json', { compressed: Buffer.concat([Buffer.from([0xff]), noise(200, 'deflate')]) })),
  ),
  ts('44-v1.1-file-missing', 'a 1.1 package whose transaction file has no original file and no missing_files declaration', 'FILE_MISSING', /transaction file .* has no original file in the package and the manifest does not say why/, () => {
    const { dataset, contents } = base();
    delete contents[FILE];
    return craftPackage(manifestV1_1(dataset, contents), contents);
  }),
  ts('45-absurd-record-count', 'data_summary declaring a trillion transactions', 'LIMIT_RECORD_COUNT', /declares 1000000000000 records for data_summary\.transactions_count, more than the limit of 50000000/, () =>
    v10((p) => {
      (p.manifest['data_summary'] as Record<string, unknown>)['transactions_count'] = 1_000_000_000_000;
    }),
  ),
  ts('46-record-too-many-values', 'a record holding 100,001 values', 'LIMIT_RECORD_SIZE', /a single record holds more than 100000 JSON values/, () =>
    v10((p) => {
      p.contents['data/transactions.json'] = editJson(p.contents['data/transactions.json'], '"description": "COFFEE SHOP"', `"description": "COFFEE SHOP", "memo": [${Array(100_001).fill('0').join(',')}]`);
      p.manifest = designManifest(p.dataset, p.contents);
    }),
  ),
  ts('47-unknown-entity-file', 'a 1.0 package with data/passwords.json', 'ENTRY_UNEXPECTED', /"data\/passwords\.json" is not an entity file of format 1\.0/, () =>
    v10((p) => {
      p.contents['data/passwords.json'] = Buffer.from('{"passwords":[]}');
      p.manifest = designManifest(p.dataset, p.contents);
    }),
  ),
  // Resource bombs (src/testing/resource-bombs.ts, shared with the end-to-end tests): sound in
  // form, built to exhaust memory or work; built by the tests only.
  ts('48-record-size-bomb', 'one transaction record of 1.2 MB (two 600,000-character strings, each within maxStringLength)', 'LIMIT_RECORD_SIZE', /record 1: the record is larger than 1048576 bytes \(maxRecordBytes\)/, () => recordSizeBombPackage(), false),
  ts('49-central-directory-bomb', 'a 3 KB package whose ZIP64 end record declares a 2 GiB central directory', 'LIMIT_CENTRAL_DIRECTORY_SIZE', /declares a central directory of 2147483648 bytes, more than the limit of 67108864 \(maxCentralDirectoryBytes\); it was not read/, () => centralDirectoryBombPackage(), false),
  ts('50-extra-field-bomb', 'an entry with a 60,000-byte extra field in the central directory', 'LIMIT_EXTRA_FIELD_SIZE', /"data\/accounts\.json" has an extra field of 60000 bytes, more than the limit of 4096/, () => extraFieldBombPackage(), false),
  ts('51-entry-comment-bomb', 'an entry with a 60,000-byte comment', 'LIMIT_COMMENT_SIZE', /"data\/accounts\.json" has a comment of 60000 bytes, more than the limit of 4096/, () => entryCommentBombPackage(), false),
  ts('52-archive-comment-bomb', 'a 60,000-byte archive comment', 'LIMIT_COMMENT_SIZE', /has an archive comment of 60000 bytes, more than the limit of 4096/, () => archiveCommentBombPackage(), false),
  ts('53-amplification', '2,000 all-zero entries of 1,000,000 bytes each (2.2 MB that would inflate to 2 GB; each under the per-entry ratio check)', 'LIMIT_EXPANSION', /would unpack to 200000\d{4} bytes, \d{3} times its \d+ bytes; the limit is 100 times/, () => amplificationPackage(2_000), false),
];

/** A sound package of the corpus's fixture (the control case). */
export function soundFixturePackage(): Buffer {
  return v10();
}

