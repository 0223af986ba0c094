/**
 * The package layout of the design document (import-export-design.md, "Export Package
 * Structure"): the only paths a package may contain.
 *
 *   manifest.json
 *   data/{accounts,transactions,categories,file_maps,transaction_files,analytics}.json
 *   data/{user_preferences,recurring_charge_patterns,recurring_charge_predictions,pattern_feedback}.json (1.2)
 *   files/{fileId}/{originalFilename}
 */

/** The entity files, in the order the writer writes them. */
export const PACKAGE_ENTITIES = [
  'accounts', 'transactions', 'categories', 'file_maps', 'transaction_files', 'analytics',
  'user_preferences', 'recurring_charge_patterns', 'recurring_charge_predictions', 'pattern_feedback',
] as const;

/** The entity files of formats 1.0 and 1.1; 1.2 added the other four. */
export const ENTITIES_BEFORE_1_2: readonly PackageEntity[] = ['accounts', 'transactions', 'categories', 'file_maps', 'transaction_files', 'analytics'];

/** An entity file of the package; also the single top-level key of that file. */
export type PackageEntity = (typeof PACKAGE_ENTITIES)[number];

/** Entity files every package has (analytics is optional: data_summary.analytics_included; so are the 1.2 entities). */
export const REQUIRED_ENTITIES: readonly PackageEntity[] = ['accounts', 'transactions', 'categories', 'file_maps', 'transaction_files'];

export const MANIFEST_PATH = 'manifest.json';
export const DATA_DIR = 'data/';
export const FILES_DIR = 'files/';

export function isPackageEntity(name: string): name is PackageEntity {
  return (PACKAGE_ENTITIES as readonly string[]).includes(name);
}

/** `data/transactions.json` */
export function dataEntryPath(entity: PackageEntity): string {
  return `${DATA_DIR}${entity}.json`;
}

/** `files/{fileId}/{name}`; the name must already be a safe entry name (see entryFileName). */
export function fileEntryPath(fileId: string, name: string): string {
  return `${FILES_DIR}${fileId}/${name}`;
}

/** What a path of the central directory is, by the layout alone. */
export type EntryPathKind =
  | { readonly kind: 'manifest' }
  | { readonly kind: 'directory' }
  | { readonly kind: 'data'; readonly entity: PackageEntity }
  | { readonly kind: 'unknown-data'; readonly name: string }
  | { readonly kind: 'file'; readonly fileId: string; readonly fileName: string }
  | { readonly kind: 'unexpected' };

/** A file id usable as a path segment: what HouseF3 ids (UUIDs) and any sane id look like. */
const FILE_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;
const DATA_FILE = /^data\/([a-z0-9_]{1,64})\.json$/;
const FILE_ENTRY = /^files\/([^/]+)\/([^/]+)$/;
const FILE_DIR = /^files\/([^/]+)\/$/;

/** Classifies an entry path that already passed validateEntryName. */
export function classifyEntryPath(path: string): EntryPathKind {
  if (path === MANIFEST_PATH) return { kind: 'manifest' };
  if (path === DATA_DIR || path === FILES_DIR) return { kind: 'directory' };
  const dir = FILE_DIR.exec(path);
  if (dir) return isFileId(dir[1] as string) ? { kind: 'directory' } : { kind: 'unexpected' };
  const data = DATA_FILE.exec(path);
  if (data) {
    const name = data[1] as string;
    return isPackageEntity(name) ? { kind: 'data', entity: name } : { kind: 'unknown-data', name };
  }
  const file = FILE_ENTRY.exec(path);
  if (file && isFileId(file[1] as string)) return { kind: 'file', fileId: file[1] as string, fileName: file[2] as string };
  return { kind: 'unexpected' };
}

export function isFileId(segment: string): boolean {
  return FILE_ID.test(segment) && segment !== '.' && segment !== '..';
}

/**
 * The name under which an original file is stored: the record's fileName with characters that
 * are unsafe in a path or on common file systems (control characters, / \ : * ? " < > |)
 * replaced by "_", "." and ".." replaced, and cut to 200 UTF-8 bytes. Deterministic; the
 * record's fileName keeps the original name.
 */
export function entryFileName(fileName: string): string {
  // eslint-disable-next-line no-control-regex
  let name = fileName.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_');
  if (name === '' || name === '.' || name === '..') name = `_${name}`;
  while (Buffer.byteLength(name, 'utf8') > 200) name = Array.from(name).slice(0, -1).join('');
  return name;
}

/** `export_20240115T103000Z_user_12345.zip`: the design's package name, safe on any file system. */
export function packageFileName(userId: string, exportTimestamp: Date): string {
  const stamp = exportTimestamp.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return `export_${stamp}_${userId.replace(/[^A-Za-z0-9_-]/g, '_')}.zip`;
}
