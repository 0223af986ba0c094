import type { EntityName, PackageReader } from '@housef3/package-format';
import type { ImportIssue } from './import-issue';
import { checkImportOptions, DEFAULT_MAX_REPORTED_ISSUES, type ImportValidationOptions } from './import-options';
import { IssueLog } from './issue-log';
import type { ExistingRecords } from './ownership';
import { PackageScan } from './package-scan';
import { RecordTally, type EntitySummary } from './record-tally';

export type { ImportIssue, ImportIssueCode } from './import-issue';
export type { ImportValidationOptions } from './import-options';
export type { EntitySummary } from './record-tally';

export interface ImportValidationReport {
  /** No error anywhere: the import may write. */
  ok: boolean;
  /** Per entity file, every entity (zeros for an absent analytics file). */
  summary: Record<EntityName, EntitySummary>;
  /** At most maxReportedIssues: errors first, fairly across codes (see IssueLog). */
  issues: ImportIssue[];
  errorCount: number;
  warningCount: number;
  /** How many issues of each code were found, listed or not. */
  issueCounts: Record<string, number>;
  /** The format version the package declares. */
  formatVersion?: string;
  /** What the package was recognized as: `housef3-backup-1.1`, `housef3-fzip-1.0`, ... */
  sourceFormat: string;
  /** Original files in the package. */
  files: number;
}

/**
 * Everything an import must know before it writes anything, in one streaming pass over an opened
 * package (see docs/import-validation.md): the request's options, every record's schema (as the
 * reader reports it; open the package with the default unknownFields 'error'), duplicate IDs,
 * every reference of housef3-data-model.md resolved inside the package, category cycles, original
 * files against transaction file records, and the owner of every ID (ExistingRecords, batches of
 * 100; skipped with remapIds) under the merge strategy.
 *
 * Container problems (checksums, version, structure) are verifyPackage's: call it first. A
 * PackageError thrown while reading (a checksum failing at the end of an entity file, ...) is still
 * reported here, as an issue of entity 'package', and the other entities are validated anyway.
 * Never writes. Throws only what says nothing about the package: a failing source read or a failing
 * ExistingRecords lookup (worth a retry), or bad options (a bug of the caller).
 */
export async function validateImport(reader: PackageReader, existing: ExistingRecords, options: ImportValidationOptions): Promise<ImportValidationReport> {
  const maxReportedIssues = options.maxReportedIssues ?? DEFAULT_MAX_REPORTED_ISSUES;
  if (typeof options.userId !== 'string' || options.userId.length === 0) throw new TypeError('validateImport: options.userId is required');
  if (!Number.isInteger(maxReportedIssues) || maxReportedIssues < 0) throw new RangeError('validateImport: maxReportedIssues must be a whole number >= 0');
  const log = new IssueLog(maxReportedIssues, options.onIssue);
  const tally = new RecordTally(log);
  for (const issue of checkImportOptions(options)) tally.reportPackage(issue);
  await new PackageScan(reader, existing, options, tally).run();
  // What the package itself cannot prove (a legacy backup's missing checksums, counts that
  // disagree with its arrays): known once every record was read.
  for (const notice of reader.notices) tally.reportPackage({ entity: 'package', field: notice.entry ?? '', code: notice.code, message: notice.message, severity: 'warning' });
  return {
    ok: log.errorCount === 0,
    summary: tally.summary,
    issues: log.list(),
    errorCount: log.errorCount,
    warningCount: log.warningCount,
    issueCounts: log.countsByCode(),
    formatVersion: reader.formatVersion,
    sourceFormat: reader.sourceFormat,
    files: reader.files.length,
  };
}
