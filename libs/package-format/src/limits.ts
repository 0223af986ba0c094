/**
 * Caps that keep a hostile or absurd package from exhausting memory, disk or time.
 *
 * Every cap is checked before the work it protects (entry count, sizes and ratio on the central
 * directory before any entry data is read) and again while streaming (sizes while inflating,
 * JSON depth and string length while tokenizing), so declared values are never trusted alone.
 * The defaults are documented in docs/package-format.md; override any of them per call.
 */
export interface PackageLimits {
  /** Entries in the central directory (data files + original files + manifest). */
  readonly maxEntries: number;
  /** Uncompressed bytes of any one entry. */
  readonly maxEntryBytes: number;
  /** Uncompressed bytes of all entries together. */
  readonly maxTotalBytes: number;
  /** Uncompressed bytes of all entries together, as a multiple of the package's own size (see expansionFloorBytes). */
  readonly maxExpansionRatio: number;
  /** Every package may unpack to this many bytes whatever its ratio. */
  readonly expansionFloorBytes: number;
  /** Bytes of the central directory, as the end record declares it and as it is listed. */
  readonly maxCentralDirectoryBytes: number;
  /** Bytes of one entry's extra field (central directory and local header). */
  readonly maxExtraFieldBytes: number;
  /** Bytes of one entry's comment, and of the archive comment. */
  readonly maxCommentBytes: number;
  /** Uncompressed / compressed size of an entry, checked for entries above compressionRatioMinBytes. */
  readonly maxCompressionRatio: number;
  /** Entries smaller than this (uncompressed) are exempt from the ratio check. */
  readonly compressionRatioMinBytes: number;
  /** Uncompressed bytes of manifest.json. */
  readonly maxManifestBytes: number;
  /** Bytes of one entry name. */
  readonly maxEntryNameBytes: number;
  /** Nesting of arrays and objects, counted from the document root. */
  readonly maxJsonDepth: number;
  /** Characters of one JSON string or object key. */
  readonly maxStringLength: number;
  /** Characters of one JSON number literal. */
  readonly maxNumberLength: number;
  /** JSON values (scalars, arrays, objects) inside one record. */
  readonly maxRecordValues: number;
  /** Bytes of one record, counted as its compact JSON text in UTF-8 while it is assembled. */
  readonly maxRecordBytes: number;
  /** Records of one entity file (and the most a manifest may declare). */
  readonly maxRecordsPerEntity: number;
}

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/** The defaults: generous for any real household, far below what hurts a 1 GB container. */
export const DEFAULT_PACKAGE_LIMITS: PackageLimits = Object.freeze({
  maxEntries: 100_000,
  maxEntryBytes: 8 * GiB,
  maxTotalBytes: 32 * GiB,
  maxExpansionRatio: 100,
  expansionFloorBytes: 64 * MiB,
  maxCentralDirectoryBytes: 64 * MiB,
  maxExtraFieldBytes: 4 * KiB,
  maxCommentBytes: 4 * KiB,
  maxCompressionRatio: 200,
  compressionRatioMinBytes: 1 * MiB,
  maxManifestBytes: 16 * MiB,
  maxEntryNameBytes: 1024,
  maxJsonDepth: 32,
  maxStringLength: 1 * MiB,
  maxNumberLength: 64,
  maxRecordValues: 100_000,
  maxRecordBytes: 1 * MiB,
  maxRecordsPerEntity: 50_000_000,
});

/** Fills the caps not given with the defaults; rejects caps that are not positive integers. */
export function resolveLimits(overrides: Partial<PackageLimits> = {}): PackageLimits {
  const limits = { ...DEFAULT_PACKAGE_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new RangeError(`package limit ${name} must be a positive integer, got ${String(value)}`);
    }
  }
  return Object.freeze(limits);
}
