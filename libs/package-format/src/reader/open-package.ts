import type * as yauzl from 'yauzl';
import type { ValidateOptions } from '../entities';
import { PackageError, type PackageWarning } from '../errors';
import { readJsonValue } from '../json/read-json-value';
import { MANIFEST_PATH } from '../layout/package-layout';
import { resolveLimits, type PackageLimits } from '../limits';
import { parseManifest } from '../manifest/manifest-schema';
import type { Manifest } from '../manifest/manifest.types';
import type { PackageSource } from '../source/package-source';
import { formatVersionText, isNewerMinor } from '../versions/format-version';
import { toCurrentManifest } from '../versions/migrations';
import { readCentralDirectory } from '../zip/central-directory';
import { checkCentralDirectory, type CheckedEntry } from '../zip/entry-checks';
import { openEntryData } from '../zip/entry-data';
import { FzipPackageReader } from '../legacy/fzip-reader';
import type { FzipManifest } from '../legacy/fzip-manifest';
import { inspectFzip, readFzipManifest } from '../legacy/inspect-fzip';
import { PackageReader } from './package-reader';
import { checkManifestAgainstEntries, sortEntries, type PackageEntries } from './package-structure';

export interface ReadOptions {
  /** Caps; unspecified ones take DEFAULT_PACKAGE_LIMITS. */
  readonly limits?: Partial<PackageLimits>;
  /** Passed to validateRecord for every record (unknown field policy, ignored fields, ...). */
  readonly validation?: Omit<ValidateOptions, 'index'>;
}

/** What the structure phase learned: enough for a report even when it stopped early. */
export interface StructureInspection {
  readonly source: string;
  readonly packageSource: PackageSource;
  readonly size: number;
  readonly limits: PackageLimits;
  readonly problems: PackageError[];
  readonly warnings: PackageWarning[];
  readonly zipfile?: yauzl.ZipFile;
  readonly allEntries?: readonly CheckedEntry[];
  readonly entries?: PackageEntries;
  readonly formatVersion?: string;
  readonly manifest?: Manifest;
  /** Set for HouseF3's own backups (.fzip), read through FzipPackageReader. */
  readonly legacy?: { readonly fzip: FzipManifest; readonly notices: readonly PackageWarning[] };
}

/**
 * The structure phase, in the order that keeps hostile input harmless: the ZIP end records and
 * central directory (entry count capped first), every entry's name, type, sizes, ratio and
 * position, the layout, and only then the first entry data: manifest.json (size-capped,
 * schema-checked, version-gated, migrated), checked against the entries. It stops at the first
 * phase with problems and returns them all; the zipfile stays open only when there are none.
 * A failure to read the source (PackageSourceError) is thrown, not reported: it says nothing
 * about the package and may be worth a retry.
 */
export async function inspectStructure(source: PackageSource, limits: PackageLimits): Promise<StructureInspection> {
  const base = { source: source.describe(), packageSource: source, size: source.size, limits, warnings: [] as PackageWarning[] };
  let cd;
  try {
    cd = await readCentralDirectory(source, limits);
  } catch (error) {
    return { ...base, problems: [asPackageError(error)] };
  }
  const fail = (problems: PackageError[], extra: Partial<StructureInspection> = {}): StructureInspection => {
    cd.zipfile.close();
    return { ...base, ...extra, problems };
  };
  const checked = checkCentralDirectory(cd, limits);
  if (checked.problems.length > 0) return fail([...checked.problems]);
  let fzipManifest: unknown;
  try {
    fzipManifest = await readFzipManifest(cd.zipfile, source, checked.entries, limits);
  } catch (error) {
    return fail([asPackageError(error, cd.zipfile)]);
  }
  if (fzipManifest !== undefined) {
    const legacy = await inspectFzip(cd.zipfile, source, checked.entries, fzipManifest, limits).catch((error: unknown) => ({ problems: [asPackageError(error, cd.zipfile)] }) as const);
    if (legacy.problems.length > 0 || !('fzip' in legacy) || legacy.fzip === undefined || legacy.entries === undefined || legacy.manifest === undefined) return fail([...legacy.problems]);
    const legacyEntries = { allEntries: checked.entries, entries: legacy.entries };
    return {
      ...base,
      ...legacyEntries,
      warnings: legacy.warnings,
      formatVersion: `fzip-${legacy.fzip.backupFormatVersion}`,
      manifest: legacy.manifest,
      legacy: { fzip: legacy.fzip, notices: legacy.legacyNotices },
      problems: [],
      zipfile: cd.zipfile,
    };
  }
  const sorted = sortEntries(checked.entries, limits);
  if (sorted.problems.length > 0) return fail(sorted.problems);
  const entries = sorted.entries;
  const known = { allEntries: checked.entries, entries };
  if (entries.manifest === undefined) {
    return fail([new PackageError('MANIFEST_MISSING', 'the package has no manifest.json, so nothing in it can be verified; it is not a HouseF3 backup or it is incomplete', { entry: MANIFEST_PATH })], known);
  }
  let parsed;
  try {
    const bytes = await openEntryData(cd.zipfile, source, entries.manifest);
    parsed = parseManifest(await readJsonValue(bytes, MANIFEST_PATH, limits), limits);
  } catch (error) {
    return fail([asPackageError(error, cd.zipfile)], known);
  }
  const { declared } = parsed;
  const contents = { entries: entries.content.map((entry) => ({ path: entry.name, size: entry.uncompressedSize })) };
  let current;
  try {
    current = toCurrentManifest(declared, contents);
  } catch (error) {
    return fail([asPackageError(error, cd.zipfile)], known);
  }
  const formatVersion = formatVersionText(declared.version);
  const warnings = [...parsed.warnings, ...current.warnings];
  const structure = checkManifestAgainstEntries(current.manifest, { text: formatVersion, minor: declared.minor, newerMinor: isNewerMinor(declared.version) }, entries);
  warnings.push(...structure.warnings);
  const result = { ...base, ...known, warnings, formatVersion, manifest: current.manifest };
  if (structure.problems.length > 0) return fail(structure.problems, result);
  return { ...result, problems: [], zipfile: cd.zipfile };
}

/**
 * Opens a backup package for reading: runs every structural check (see inspectStructure) and
 * throws the first problem as a PackageError. Close the reader when done.
 */
export async function openPackage(source: PackageSource, options: ReadOptions = {}): Promise<PackageReader> {
  const limits = resolveLimits(options.limits);
  const inspection = await inspectStructure(source, limits);
  return readerOf(inspection, options);
}

/** The reader of a successful inspection; throws the first problem otherwise. */
export function readerOf(inspection: StructureInspection, options: ReadOptions = {}): PackageReader {
  const first = inspection.problems[0];
  if (first !== undefined) throw first;
  const { zipfile, entries, allEntries, manifest, formatVersion } = inspection;
  if (zipfile === undefined || entries === undefined || allEntries === undefined || manifest === undefined || formatVersion === undefined) {
    throw new Error('inspectStructure returned no problem and no package');
  }
  const parts = {
    source: inspection.source,
    packageSource: inspection.packageSource,
    zipfile,
    entries,
    allEntries,
    manifest,
    formatVersion,
    warnings: inspection.warnings,
    limits: inspection.limits,
    validation: options.validation ?? {},
  };
  if (inspection.legacy !== undefined) return new FzipPackageReader({ ...parts, fzip: inspection.legacy.fzip, legacyNotices: inspection.legacy.notices });
  return new PackageReader(parts);
}

/** A PackageError as is; anything else (a source failure, a bug) is rethrown, never reported as a package fault. */
function asPackageError(error: unknown, zipfile?: yauzl.ZipFile): PackageError {
  if (error instanceof PackageError) return error;
  zipfile?.close();
  throw error;
}
