import { formatVersionText, CURRENT_FORMAT_VERSION } from '../versions/format-version';
import { dataEntryPath, type PackageEntity } from '../layout/package-layout';
import { ENTITIES_SINCE_1_2 } from '../entities/entity-name';
import type { Compatibility, Manifest, ManifestEntry, MissingFile } from './manifest.types';

/** What the writer knows once every entry is written. */
export interface ManifestFacts {
  readonly exportTimestamp: string;
  readonly userId: string;
  readonly housef3Version: string;
  readonly compatibility: Compatibility;
  readonly counts: Readonly<Record<PackageEntity, number>>;
  readonly analyticsIncluded: boolean;
  /** The entity files written. */
  readonly written: readonly PackageEntity[];
  /** Every entry written, in order, with full-path checksums. */
  readonly entries: readonly ManifestEntry[];
  readonly missingFiles: readonly MissingFile[];
}

/** The format 1.2 manifest of a package, from what was actually written. */
export function buildManifest(facts: ManifestFacts): Manifest {
  const additions = ENTITIES_SINCE_1_2.filter((entity) => facts.written.includes(entity)).map(dataEntryPath);
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
      user_preferences_included: facts.counts.user_preferences > 0,
      recurring_charge_patterns_count: facts.counts.recurring_charge_patterns,
      recurring_charge_predictions_count: facts.counts.recurring_charge_predictions,
      pattern_feedback_count: facts.counts.pattern_feedback,
    },
    checksums: Object.fromEntries(facts.entries.map((entry) => [entry.path, entry.checksum])),
    compatibility: { minimum_version: facts.compatibility.minimum_version, supported_versions: [...facts.compatibility.supported_versions] },
    record_counts: { ...facts.counts },
    entries: facts.entries.map((entry) => ({ path: entry.path, size: entry.size, checksum: entry.checksum })),
    missing_files: facts.missingFiles.map((file) => ({ file_id: file.file_id, file_name: file.file_name, reason: file.reason })),
    format_additions: additions.length === 0 ? [] : [{
      since: '1.2',
      entries: additions,
      note: 'user preferences, recurring-charge patterns, their predictions and pattern feedback; a reader of format 1.1 restores everything else and leaves these out',
    }],
  };
}

/**
 * manifest.json bytes: two-space indented JSON, keys in the schema's order (the objects above are
 * built in that order), UTF-8, trailing newline. The manifest holds no bigint and no money.
 */
export function serializeManifest(manifest: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}
