import type { Manifest, ManifestV1_0 } from '../manifest/manifest.types';
import { normalizeChecksumKeys } from '../manifest/checksum';

/** What a migration step may learn from the package besides its manifest: its central directory. */
export interface PackageContents {
  /** Every data and file entry (not manifest.json, not directories), in central directory order. */
  readonly entries: readonly { readonly path: string; readonly size: number }[];
}

/**
 * Migration step 1.0 -> 1.1.
 *
 * 1.0 (the design document's manifest) lacks record_counts, entries and missing_files:
 * - record_counts come from data_summary; analytics has no count in 1.0, so it is null (the
 *   reader then counts without comparing);
 * - entries are the package's own entries with their central directory sizes and the checksums
 *   the manifest declares for them ("" when it declares none: the structure check refuses that);
 * - missing_files is empty: a 1.0 package cannot declare a missing file;
 * - checksum keys become full entry paths.
 * Nothing is invented that the reader would then trust: every derived value is checked again
 * against the bytes (sizes while inflating, checksums, record counts while streaming).
 */
export function migrateManifest1_0To1_1(manifest: ManifestV1_0, contents: PackageContents): Manifest {
  const checksums = normalizeChecksumKeys(manifest.checksums);
  const summary = manifest.data_summary;
  return {
    ...manifest,
    export_format_version: '1.1',
    checksums,
    record_counts: {
      accounts: summary.accounts_count,
      transactions: summary.transactions_count,
      categories: summary.categories_count,
      file_maps: summary.file_maps_count,
      transaction_files: summary.transaction_files_count,
      analytics: null,
      user_preferences: 0,
      recurring_charge_patterns: 0,
      recurring_charge_predictions: 0,
      pattern_feedback: 0,
    },
    entries: contents.entries.map((entry) => ({ path: entry.path, size: entry.size, checksum: checksums[entry.path] ?? '' })),
    missing_files: [],
  };
}
