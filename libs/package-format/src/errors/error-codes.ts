/**
 * Stable codes of every problem the package library reports.
 *
 * Codes are part of the public contract: the import service stores them in job reports, the CLI
 * prints them, and tests assert them. Never rename a code; add new ones.
 */
export const PACKAGE_ERROR_CODES = {
  // The container (ZIP) itself.
  NOT_A_ZIP: 'container',
  ZIP_TRUNCATED: 'container',
  ZIP_CORRUPT: 'container',
  // One entry of the central directory, checked before any entry data is read.
  ENTRY_NAME_ABSOLUTE: 'entry',
  ENTRY_NAME_TRAVERSAL: 'entry',
  ENTRY_NAME_BACKSLASH: 'entry',
  ENTRY_NAME_INVALID: 'entry',
  ENTRY_LINK: 'entry',
  ENTRY_NOT_REGULAR_FILE: 'entry',
  ENTRY_DUPLICATE: 'entry',
  ENTRY_UNEXPECTED: 'entry',
  ENTRY_MISSING: 'entry',
  ENTRY_ENCRYPTED: 'entry',
  ENTRY_UNSUPPORTED_COMPRESSION: 'entry',
  ENTRY_OVERLAP: 'entry',
  ENTRY_LOCAL_HEADER_MISMATCH: 'entry',
  ENTRY_SIZE_MISMATCH: 'entry',
  ENTRY_CRC_MISMATCH: 'entry',
  ENTRY_CORRUPT: 'entry',
  // Configurable caps (PackageLimits).
  LIMIT_ENTRY_COUNT: 'limit',
  LIMIT_ENTRY_SIZE: 'limit',
  LIMIT_TOTAL_SIZE: 'limit',
  LIMIT_COMPRESSION_RATIO: 'limit',
  LIMIT_MANIFEST_SIZE: 'limit',
  LIMIT_JSON_DEPTH: 'limit',
  LIMIT_STRING_LENGTH: 'limit',
  LIMIT_NUMBER_LENGTH: 'limit',
  LIMIT_RECORD_SIZE: 'limit',
  LIMIT_RECORD_COUNT: 'limit',
  LIMIT_CENTRAL_DIRECTORY_SIZE: 'limit',
  LIMIT_EXTRA_FIELD_SIZE: 'limit',
  LIMIT_COMMENT_SIZE: 'limit',
  LIMIT_EXPANSION: 'limit',
  // Checksums and counts promised by the manifest.
  CHECKSUM_MISMATCH: 'integrity',
  CHECKSUM_MISSING: 'integrity',
  RECORD_COUNT_MISMATCH: 'integrity',
  // manifest.json.
  MANIFEST_MISSING: 'manifest',
  MANIFEST_INVALID: 'manifest',
  MANIFEST_MISMATCH: 'manifest',
  UNSUPPORTED_VERSION: 'version',
  // JSON text of manifest.json and the data files.
  JSON_SYNTAX: 'json',
  JSON_ENCODING: 'json',
  JSON_DUPLICATE_KEY: 'json',
  DATA_SHAPE: 'json',
  // Records and original files.
  RECORD_INVALID: 'record',
  FILE_ORPHAN: 'record',
  FILE_DUPLICATE: 'record',
  FILE_MISSING: 'record',
  // Writer misuse or bad input given to the writer.
  WRITE_INVALID_RECORD: 'write',
  WRITE_INVALID_INPUT: 'write',
  WRITE_STATE: 'write',
} as const;

/** A stable problem code, e.g. `ENTRY_NAME_TRAVERSAL` or `CHECKSUM_MISMATCH`. */
export type PackageErrorCode = keyof typeof PACKAGE_ERROR_CODES;

/** The family a code belongs to: what part of the package is at fault. */
export type PackageErrorCategory = (typeof PACKAGE_ERROR_CODES)[PackageErrorCode];

/** Codes of warnings: things a reader reports but that do not make a package unsound. */
export type PackageWarningCode =
  | 'FORMAT_MIGRATED'
  | 'NEWER_MINOR_VERSION'
  | 'UNKNOWN_MANIFEST_FIELD'
  | 'UNKNOWN_DATA_ENTRY'
  | 'FILE_MISSING'
  | 'FILE_MISSING_DECLARED'
  | 'RECORD_WARNING'
  // HouseF3's own backups (.fzip): what such a file cannot prove.
  | 'LEGACY_FORMAT_CONVERTED'
  | 'LEGACY_NO_CHECKSUMS'
  | 'LEGACY_COUNT_MISMATCH';
