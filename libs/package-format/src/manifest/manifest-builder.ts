import { formatVersionText, CURRENT_FORMAT_VERSION } from '../versions/format-version';
import type { PackageEntity } from '../layout/package-layout';
import type { Compatibility, Manifest, ManifestEntry, MissingFile } from './manifest.types';

/** What the writer knows once every entry is written. */
export interface ManifestFacts {
  readonly exportTimestamp: string;
  readonly userId: string;
  readonly housef3Version: string;
  readonly compatibility: Compatibility;
  readonly counts: Readonly<Record<PackageEntity, number>>;
  readonly analyticsIncluded: boolean;
  /** Every entry written, in order, with full-path checksums. */
  readonly entries: readonly ManifestEntry[];
  readonly missingFiles: readonly MissingFile[];
}

/** The format 1.1 manifest of a package, from what was actually written. */
export function buildManifest(facts: ManifestFacts): Manifest {
  return {
    export_format_version: formatVersionText(CURRENT_FORMAT_VERSION),
    export_timestamp: facts.exportTimestamp,
    user_id: facts.userId,
    housef3_version: facts.housef3Version,
    data_summary: {
      accounts_count: facts.counts.accounts,
      transactions_count: facts.counts.transactions,
      categories_count: facts.counts.categories,
      file_maps_count: facts.counts.file_maps,
      transaction_files_count: facts.counts.transaction_files,
      analytics_included: facts.analyticsIncluded,
    },
    checksums: Object.fromEntries(facts.entries.map((entry) => [entry.path, entry.checksum])),
    compatibility: { minimum_version: facts.compatibility.minimum_version, supported_versions: [...facts.compatibility.supported_versions] },
    record_counts: { ...facts.counts },
    entries: facts.entries.map((entry) => ({ path: entry.path, size: entry.size, checksum: entry.checksum })),
    missing_files: facts.missingFiles.map((file) => ({ file_id: file.file_id, file_name: file.file_name, reason: file.reason })),
  };
}

/**
 * manifest.json bytes: two-space indented JSON, keys in the schema's order (the objects above are
 * built in that order), UTF-8, trailing newline. The manifest holds no bigint and no money.
 */
export function serializeManifest(manifest: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}
