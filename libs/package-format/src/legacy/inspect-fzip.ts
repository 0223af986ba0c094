import { createHash } from 'node:crypto';
import type * as yauzl from 'yauzl';
import { PackageError, type PackageWarning } from '../errors';
import { readJsonValue } from '../json/read-json-value';
import { classifyEntryPath, isPackageEntity, MANIFEST_PATH, type PackageEntity } from '../layout/package-layout';
import type { PackageLimits } from '../limits';
import type { FileEntry, PackageEntries } from '../reader/package-structure';
import type { PackageSource } from '../source/package-source';
import { openEntryData } from '../zip/entry-data';
import type { CheckedEntry } from '../zip/entry-checks';
import { looksLikeFzipManifest, manifestOfFzip, parseFzipManifest, type FzipManifest } from './fzip-manifest';
import type { Manifest, MissingFile } from '../manifest/manifest.types';
import { openFzipRecords } from './fzip-data';

/**
 * manifest.json's value when it is HouseF3's own backup manifest (".fzip"), else undefined. Any
 * failure to read it says "not a legacy backup": the normal checks then report it precisely.
 */
export async function readFzipManifest(zipfile: yauzl.ZipFile, source: PackageSource, entries: readonly CheckedEntry[], limits: PackageLimits): Promise<unknown> {
  const entry = entries.find((candidate) => candidate.name === MANIFEST_PATH);
  if (entry === undefined || entry.uncompressedSize > limits.maxManifestBytes) return undefined;
  try {
    const value = await readJsonValue(await openEntryData(zipfile, source, entry), MANIFEST_PATH, limits);
    return looksLikeFzipManifest(value) ? value : undefined;
  } catch (error) {
    if (error instanceof PackageError) return undefined;
    throw error;
  }
}

export interface FzipInspection {
  readonly problems: PackageError[];
  readonly fzip?: FzipManifest;
  readonly manifest?: Manifest;
  readonly entries?: PackageEntries;
  readonly warnings: PackageWarning[];
  readonly legacyNotices: PackageWarning[];
}

const DATA_FILE = /^data\/([^/]+)\.json(\.gz)?$/;

/**
 * The structure phase of a HouseF3 backup, after the container checks every package gets: the
 * manifest (checked, version-gated), the layout (manifest.json, data/<entity>.json[.gz],
 * files/<fileId>/<name>, directories), and every original file read once, CRC-checked, to give
 * it the sha256 the backup does not carry (the import verifies restored bytes against it).
 */
export async function inspectFzip(zipfile: yauzl.ZipFile, source: PackageSource, checked: readonly CheckedEntry[], manifestValue: unknown, limits: PackageLimits): Promise<FzipInspection> {
  const problems: PackageError[] = [];
  let fzip: FzipManifest;
  try {
    fzip = parseFzipManifest(manifestValue);
  } catch (error) {
    if (error instanceof PackageError) return { problems: [error], warnings: [], legacyNotices: [] };
    throw error;
  }
  const data = new Map<PackageEntity, CheckedEntry>();
  const files = new Map<string, FileEntry>();
  const content: CheckedEntry[] = [];
  let manifest: CheckedEntry | undefined;
  for (const entry of checked) {
    if (entry.name === MANIFEST_PATH) {
      manifest = entry;
      continue;
    }
    if (entry.isDirectory) {
      if (classifyEntryPath(entry.name).kind !== 'directory') problems.push(unexpected(entry.name));
      continue;
    }
    const dataFile = DATA_FILE.exec(entry.name);
    if (dataFile !== null) {
      const entity = dataFile[1] as string;
      if (!isPackageEntity(entity)) {
        problems.push(unexpected(entry.name));
        continue;
      }
      const other = data.get(entity);
      if (other !== undefined) {
        problems.push(new PackageError('ENTRY_DUPLICATE', `entries ${JSON.stringify(other.name)} and ${JSON.stringify(entry.name)} both hold the ${entity}; a backup has one file per entity`, { entry: entry.name }));
        continue;
      }
      data.set(entity, entry);
      content.push(entry);
      continue;
    }
    const kind = classifyEntryPath(entry.name);
    if (kind.kind !== 'file') {
      problems.push(unexpected(entry.name));
      continue;
    }
    const other = files.get(kind.fileId);
    if (other !== undefined) {
      problems.push(new PackageError('FILE_DUPLICATE', `entries ${JSON.stringify(other.entry.name)} and ${JSON.stringify(entry.name)} both claim to be the original file of ${kind.fileId}; a transaction file has one original file`, { entry: entry.name }));
      continue;
    }
    files.set(kind.fileId, { fileId: kind.fileId, name: kind.fileName, entry });
    content.push(entry);
  }
  if (problems.length > 0) return { problems, warnings: [], legacyNotices: [] };

  const checksums: Record<string, string> = {};
  for (const file of files.values()) {
    try {
      const hash = createHash('sha256');
      for await (const chunk of await openEntryData(zipfile, source, file.entry)) hash.update(chunk as Buffer);
      checksums[file.entry.name] = `sha256:${hash.digest('hex')}`;
    } catch (error) {
      if (!(error instanceof PackageError)) throw error;
      problems.push(error);
    }
  }
  if (problems.length > 0) return { problems, warnings: [], legacyNotices: [] };
  const missing = await filesLeftOut(zipfile, source, data.get('transaction_files'), files, limits);

  const noChecksums: PackageWarning = {
    code: 'LEGACY_NO_CHECKSUMS',
    entry: MANIFEST_PATH,
    message:
      'this backup carries no checksums (HouseF3 leaves them empty), so nothing proves its content is what HouseF3 wrote: only the ZIP CRC-32 of each entry catches damage. ' +
      'It also lists no entries, no per-entity record counts beyond its summary, and no original files it left out',
  };
  const converted: PackageWarning = {
    code: 'LEGACY_FORMAT_CONVERTED',
    entry: MANIFEST_PATH,
    message: `a HouseF3 backup (.fzip format ${fzip.backupFormatVersion}, HouseF3 ${fzip.housef3Version}, ${fzip.backupTimestamp}) was recognized and converted to the current model: export-only fields dropped, its user replaced by the importing user`,
  };
  return {
    problems: [],
    fzip,
    manifest: { ...manifestOfFzip(fzip, checksums), missing_files: missing },
    entries: { ...(manifest !== undefined ? { manifest } : {}), data, unknownData: [], files, content },
    warnings: [converted, noChecksums],
    legacyNotices: [noChecksums],
  };
}

function unexpected(name: string): PackageError {
  return new PackageError(
    'ENTRY_UNEXPECTED',
    `entry ${JSON.stringify(name)} is not part of a HouseF3 backup (.fzip allows manifest.json, data/<entity>.json.gz or .json, files/<fileId>/<name>)`,
    { entry: name },
  );
}

/** Why HouseF3 left an original file out: its export skips files without a key or that it cannot download. */
export const FZIP_FILE_LEFT_OUT =
  'HouseF3 left this original file out of the backup (its export skips files it cannot read, e.g. archived ones, without saying so); the record is restored without its bytes';

/**
 * The transaction files whose original file is not in the backup, declared as missing files (a
 * HouseF3 backup cannot declare them itself): the import then restores the record and warns,
 * as for any declared missing file. A damaged data file yields none here: reading it reports it.
 */
async function filesLeftOut(zipfile: yauzl.ZipFile, source: PackageSource, entry: CheckedEntry | undefined, files: ReadonlyMap<string, FileEntry>, limits: PackageLimits): Promise<MissingFile[]> {
  if (entry === undefined) return [];
  const missing: MissingFile[] = [];
  try {
    const { records } = await openFzipRecords(zipfile, source, entry, 'transaction_files', limits);
    for await (const raw of records) {
      const fileId = raw['fileId'];
      const fileName = raw['fileName'];
      if (typeof fileId !== 'string' || files.has(fileId) || missing.some((m) => m.file_id === fileId)) continue;
      missing.push({ file_id: fileId, file_name: typeof fileName === 'string' ? fileName : '', reason: FZIP_FILE_LEFT_OUT });
    }
  } catch (error) {
    if (!(error instanceof PackageError)) throw error;
    return [];
  }
  return missing;
}
