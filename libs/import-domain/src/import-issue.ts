import type { EntityName, PackageErrorCode, PackageWarningCode, ValidationIssue, ValidationIssueCode } from '@housef3/package-format';

/**
 * Codes of the checks validation adds to the package library's own (see docs/import-validation.md).
 * Stable: job reports store them and clients may branch on them. Never rename one; add new ones.
 */
export const IMPORT_CHECK_CODES = {
  DUPLICATE_ID: 'two records of one entity file share an ID',
  DANGLING_REFERENCE: 'a reference names a record that is not in the package',
  CATEGORY_CYCLE: 'a category is its own ancestor',
  UNKNOWN_RULE: 'a category assignment names a rule its category does not have (warning)',
  FILE_MISSING: 'a transaction file has no original file in the package and the manifest does not say why',
  FILE_MISSING_DECLARED: 'a transaction file has no original file; the export declared why (warning)',
  FILE_ORPHAN: 'an original file belongs to no transaction file record',
  S3_KEY_TOO_LONG: "the restored file's S3 key would exceed 1024 bytes",
  ITEM_TOO_LARGE: 'stored as a DynamoDB item, the record would exceed 400 KB',
  ID_OWNED_BY_ANOTHER_USER: 'an ID already belongs to another user (refused unless remapIds)',
  CONFLICT: 'an ID already exists in your data and mergeStrategy is fail_on_conflict',
  OVERWRITE_NOT_CONFIRMED: 'mergeStrategy overwrite without overwriteExisting: true',
  OVERWRITE_FLAG_IGNORED: 'overwriteExisting: true with a mergeStrategy other than overwrite (warning)',
} as const;

export type ImportCheckCode = keyof typeof IMPORT_CHECK_CODES;

/** A record validation issue of the package library, as an import code: `hash_mismatch` -> `RECORD_HASH_MISMATCH`. */
export type RecordIssueCode = `RECORD_${Uppercase<ValidationIssueCode>}`;

/**
 * Every code an import issue can carry: this module's checks, record validation, package errors
 * thrown while reading, and the reader's notices about the package itself (a legacy backup's
 * missing checksums or disagreeing counts, as warnings).
 */
export type ImportIssueCode = ImportCheckCode | RecordIssueCode | PackageErrorCode | PackageWarningCode;

/** One problem found while validating an import. */
export interface ImportIssue {
  /** The entity file the record belongs to; 'package' for the package itself and the request's options. */
  entity: EntityName | 'package';
  /** The record's ID (analytics: `${analyticType}#${timePeriod}#${accountId ?? 'ALL'}`); for package issues, the fileId when one is concerned. */
  id?: string;
  /** Position of the record in its entity file. */
  index?: number;
  /** The field inside the record (`categories[2].categoryId`); an entry path or option name for package issues; '' for a whole record. */
  field: string;
  /** For end users: where, what is wrong, what to do. Never names another user. */
  message: string;
  severity: 'error' | 'warning';
  code: ImportIssueCode;
}

/** A record validation issue reported by the package reader, as an import issue. */
export function fromValidationIssue(issue: ValidationIssue): ImportIssue {
  return {
    entity: issue.entity,
    ...(issue.id !== undefined ? { id: issue.id } : {}),
    ...(issue.index !== undefined ? { index: issue.index } : {}),
    field: issue.field,
    message: issue.message,
    severity: issue.severity,
    code: `RECORD_${issue.code.toUpperCase() as Uppercase<ValidationIssueCode>}`,
  };
}
