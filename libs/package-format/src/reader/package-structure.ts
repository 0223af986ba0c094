import { PackageError, type PackageWarning } from '../errors';
import { classifyEntryPath, dataEntryPath, MANIFEST_PATH, REQUIRED_ENTITIES, type PackageEntity } from '../layout/package-layout';
import type { PackageLimits } from '../limits';
import type { Manifest } from '../manifest/manifest.types';
import type { CheckedEntry } from '../zip/entry-checks';

/** An original file entry: files/{fileId}/{name}. */
export interface FileEntry {
  readonly fileId: string;
  /** The name segment of the entry path (the record's fileName made path-safe by the writer). */
  readonly name: string;
  readonly entry: CheckedEntry;
}

/** The package's entries sorted by role. */
export interface PackageEntries {
  readonly manifest?: CheckedEntry;
  readonly data: ReadonlyMap<PackageEntity, CheckedEntry>;
  /** data/<name>.json entries this version does not know (allowed in a newer minor only). */
  readonly unknownData: readonly CheckedEntry[];
  readonly files: ReadonlyMap<string, FileEntry>;
  /** Every entry with content (data, unknown data, files): what checksums must cover. */
  readonly content: readonly CheckedEntry[];
}

/**
 * Sorts checked entries by the layout. Paths outside the layout are ENTRY_UNEXPECTED, a second
 * file under one fileId is FILE_DUPLICATE, a manifest over its cap is LIMIT_MANIFEST_SIZE.
 */
export function sortEntries(entries: readonly CheckedEntry[], limits: PackageLimits): { entries: PackageEntries; problems: PackageError[] } {
  const problems: PackageError[] = [];
  const data = new Map<PackageEntity, CheckedEntry>();
  const files = new Map<string, FileEntry>();
  const unknownData: CheckedEntry[] = [];
  const content: CheckedEntry[] = [];
  let manifest: CheckedEntry | undefined;
  for (const entry of entries) {
    const kind = classifyEntryPath(entry.name);
    switch (kind.kind) {
      case 'manifest':
        if (entry.uncompressedSize > limits.maxManifestBytes) {
          problems.push(
            new PackageError('LIMIT_MANIFEST_SIZE', `manifest.json is ${entry.uncompressedSize} bytes, more than the limit of ${limits.maxManifestBytes} (maxManifestBytes)`, {
              entry: MANIFEST_PATH,
              details: { declared: entry.uncompressedSize, limit: limits.maxManifestBytes },
            }),
          );
        } else {
          manifest = entry;
        }
        break;
      case 'directory':
        break;
      case 'data':
        data.set(kind.entity, entry);
        content.push(entry);
        break;
      case 'unknown-data':
        unknownData.push(entry);
        content.push(entry);
        break;
      case 'file': {
        const other = files.get(kind.fileId);
        if (other !== undefined) {
          problems.push(
            new PackageError('FILE_DUPLICATE', `entries ${JSON.stringify(other.entry.name)} and ${JSON.stringify(entry.name)} both claim to be the original file of ${kind.fileId}; a transaction file has one original file`, {
              entry: entry.name,
            }),
          );
          break;
        }
        files.set(kind.fileId, { fileId: kind.fileId, name: kind.fileName, entry });
        content.push(entry);
        break;
      }
      case 'unexpected':
        problems.push(
          new PackageError(
            'ENTRY_UNEXPECTED',
            `entry ${JSON.stringify(entry.name)} is not part of a HouseF3 backup (allowed: manifest.json, data/<entity>.json, files/<fileId>/<name>)`,
            { entry: entry.name },
          ),
        );
        break;
    }
  }
  return { entries: { ...(manifest !== undefined ? { manifest } : {}), data, unknownData, files, content }, problems };
}

/**
 * Checks the manifest against the entries before any data is read: required entity files present,
 * analytics as declared, a checksum for every entry and an entry for every checksum, and for a
 * 1.1 manifest its entries list, record counts and missing files.
 */
export function checkManifestAgainstEntries(
  manifest: Manifest,
  declared: { readonly text: string; readonly minor: 0 | 1; readonly newerMinor: boolean },
  entries: PackageEntries,
): { problems: PackageError[]; warnings: PackageWarning[] } {
  const problems: PackageError[] = [];
  const warnings: PackageWarning[] = [];
  for (const entry of entries.unknownData) {
    if (declared.newerMinor) {
      warnings.push({ code: 'UNKNOWN_DATA_ENTRY', entry: entry.name, message: `entry ${entry.name} belongs to a newer format version; it is verified but not read` });
    } else {
      problems.push(new PackageError('ENTRY_UNEXPECTED', `entry ${JSON.stringify(entry.name)} is not an entity file of format ${declared.text}`, { entry: entry.name }));
    }
  }
  for (const entity of REQUIRED_ENTITIES) {
    if (!entries.data.has(entity)) {
      problems.push(new PackageError('ENTRY_MISSING', `the package has no ${dataEntryPath(entity)}; every backup holds it (an empty list when there are no ${entity})`, { entry: dataEntryPath(entity) }));
    }
  }
  const analytics = entries.data.has('analytics');
  if (manifest.data_summary.analytics_included && !analytics) {
    problems.push(new PackageError('ENTRY_MISSING', 'manifest.json says analytics are included but the package has no data/analytics.json', { entry: 'data/analytics.json' }));
  }
  if (!manifest.data_summary.analytics_included && analytics) {
    problems.push(new PackageError('MANIFEST_MISMATCH', 'the package has data/analytics.json but manifest.json says analytics are not included', { entry: 'data/analytics.json' }));
  }
  const paths = new Set(entries.content.map((entry) => entry.name));
  for (const entry of entries.content) {
    if (!manifest.checksums[entry.name]) {
      problems.push(new PackageError('CHECKSUM_MISSING', `manifest.json has no checksum for ${entry.name}; every entry of a backup must have one, so its integrity cannot be verified`, { entry: entry.name }));
    }
  }
  for (const path of Object.keys(manifest.checksums)) {
    if (!paths.has(path)) {
      problems.push(new PackageError('ENTRY_MISSING', `manifest.json lists a checksum for ${path}, but the package has no such entry; it was removed or never written`, { entry: path }));
    }
  }
  if (declared.minor >= 1) checkDeclaredContents(manifest, entries, paths, problems);
  return { problems, warnings };
}

/** Format 1.1 facts: the entries list, record_counts and missing_files must agree with the package. */
function checkDeclaredContents(manifest: Manifest, entries: PackageEntries, paths: ReadonlySet<string>, problems: PackageError[]): void {
  const mismatch = (message: string, entry?: string): void => {
    problems.push(new PackageError('MANIFEST_MISMATCH', `manifest.json disagrees with the package: ${message}`, entry !== undefined ? { entry } : {}));
  };
  const byPath = new Map(entries.content.map((entry) => [entry.name, entry]));
  const listed = new Set<string>();
  for (const item of manifest.entries) {
    if (listed.has(item.path)) mismatch(`entries lists ${item.path} twice`, item.path);
    listed.add(item.path);
    const entry = byPath.get(item.path);
    if (entry === undefined) {
      if (!(item.path in manifest.checksums)) mismatch(`entries lists ${item.path}, which the package does not have`, item.path);
      continue;
    }
    if (entry.uncompressedSize !== item.size) mismatch(`entries says ${item.path} has ${item.size} bytes, the ZIP says ${entry.uncompressedSize}`, item.path);
    if (manifest.checksums[item.path] !== undefined && manifest.checksums[item.path] !== item.checksum) mismatch(`entries and checksums give different checksums for ${item.path}`, item.path);
  }
  for (const path of paths) {
    if (!listed.has(path)) mismatch(`${path} is in the package but not in entries`, path);
  }
  const summary = manifest.data_summary;
  const counts = manifest.record_counts;
  const pairs: [PackageEntity, number][] = [
    ['accounts', summary.accounts_count],
    ['transactions', summary.transactions_count],
    ['categories', summary.categories_count],
    ['file_maps', summary.file_maps_count],
    ['transaction_files', summary.transaction_files_count],
  ];
  const since1_2: [PackageEntity, number | undefined][] = [
    ['recurring_charge_patterns', summary.recurring_charge_patterns_count],
    ['recurring_charge_predictions', summary.recurring_charge_predictions_count],
    ['pattern_feedback', summary.pattern_feedback_count],
  ];
  for (const [entity, count] of since1_2) if (count !== undefined) pairs.push([entity, count]);
  if (summary.user_preferences_included !== undefined && summary.user_preferences_included !== (counts.user_preferences !== 0)) {
    mismatch(`record_counts.user_preferences is ${String(counts.user_preferences)} but data_summary says user preferences are ${summary.user_preferences_included ? '' : 'not '}included`);
  }
  for (const [entity, count] of pairs) {
    if (counts[entity] !== count) mismatch(`record_counts.${entity} is ${String(counts[entity])} but data_summary says ${count}`);
  }
  if (!summary.analytics_included && counts.analytics !== 0) mismatch(`record_counts.analytics is ${String(counts.analytics)} but analytics are not included`);
  const declaredMissing = new Set<string>();
  for (const missing of manifest.missing_files) {
    if (declaredMissing.has(missing.file_id)) mismatch(`missing_files lists ${missing.file_id} twice`);
    declaredMissing.add(missing.file_id);
    if (entries.files.has(missing.file_id)) mismatch(`missing_files lists ${missing.file_id}, but its original file is in the package`, entries.files.get(missing.file_id)?.entry.name);
  }
}
