import type { PackageEntity } from '../layout/package-layout';

/** Per-entity counts of the design's manifest (data_summary), keys exactly as the design writes them. */
export interface DataSummary {
  readonly accounts_count: number;
  readonly transactions_count: number;
  readonly categories_count: number;
  readonly file_maps_count: number;
  readonly transaction_files_count: number;
  readonly analytics_included: boolean;
  /** Format 1.2: the further entities (absent in older packages, which cannot hold them). */
  readonly user_preferences_included?: boolean;
  readonly recurring_charge_patterns_count?: number;
  readonly recurring_charge_predictions_count?: number;
  readonly pattern_feedback_count?: number;
}

/**
 * Format 1.2: what a reader of an older minor version would miss in this package (it reads the
 * rest and ignores these entries). One item per version that added something the package holds.
 */
export interface FormatAddition {
  /** The format version that added them, e.g. "1.2". */
  readonly since: string;
  /** The package entries a reader older than `since` ignores. */
  readonly entries: readonly string[];
  /** In words, for people and tools: what those entries are. */
  readonly note: string;
}

/** HouseF3 versions able to restore the package (informational; not enforced by this library). */
export interface Compatibility {
  readonly minimum_version: string;
  readonly supported_versions: readonly string[];
}

/**
 * Format 1.0: the manifest schema of import-export-design.md, field for field. `checksums` maps
 * an entry (full path, or a bare data file name such as "accounts.json") to "sha256:<hex>".
 */
export interface ManifestV1_0 {
  readonly export_format_version: string;
  readonly export_timestamp: string;
  readonly user_id: string;
  readonly housef3_version: string;
  readonly data_summary: DataSummary;
  readonly checksums: Readonly<Record<string, string>>;
  readonly compatibility: Compatibility;
}

/** Records per entity file; null when the package did not declare it (analytics in 1.0). */
export type RecordCounts = Readonly<Record<PackageEntity, number | null>>;

/** One entry of the package as the 1.1 manifest lists it (every entry but manifest.json). */
export interface ManifestEntry {
  readonly path: string;
  /** Uncompressed bytes. */
  readonly size: number;
  /** "sha256:<hex>" of the uncompressed bytes (the same value as in `checksums`). */
  readonly checksum: string;
}

/** An original file the export could not include (e.g. archived to Glacier), declared, not dropped. */
export interface MissingFile {
  readonly file_id: string;
  readonly file_name: string;
  readonly reason: string;
}

/**
 * Format 1.1, the model every reader works with: 1.0 plus
 * - record_counts: records of every entity file, analytics included;
 * - entries: every entry with its size and checksum, in the order written;
 * - missing_files: original files of transaction_files records that are not in the package, and why.
 * A 1.0 package is migrated to this model (versions/migrate-1.0-to-1.1.ts); `checksums` keys are
 * full entry paths after reading.
 */
export interface Manifest extends ManifestV1_0 {
  readonly record_counts: RecordCounts;
  readonly entries: readonly ManifestEntry[];
  readonly missing_files: readonly MissingFile[];
  /** Format 1.2: what an older reader would miss (absent in 1.1 packages). */
  readonly format_additions?: readonly FormatAddition[];
}
