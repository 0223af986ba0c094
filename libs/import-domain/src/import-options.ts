import type { MergeStrategy } from '@housef3/contracts';
import type { ImportIssue } from './import-issue';

export interface ImportValidationOptions {
  /** The importing user (the JWT `sub`): every record will be theirs. */
  userId: string;
  mergeStrategy: MergeStrategy;
  /** Give every imported record a new ID (see remap.ts): nothing conflicts, nothing is looked up. */
  remapIds: boolean;
  /** The confirmation mergeStrategy overwrite requires (see checkImportOptions). */
  overwriteExisting: boolean;
  /** Issues listed in the report (all are counted). Default 200. */
  maxReportedIssues?: number;
  /** Called with every issue, in the order found (listed or not): a sink for the full report. */
  onIssue?: (issue: ImportIssue) => void;
  /**
   * Where the IDs of a large package are spilled (sorted runs in a folder made for this
   * validation and removed at its end, failed or not). Default os.tmpdir().
   */
  spillDirectory?: string;
  /** IDs per entity kept in memory before they spill to disk. Default 131,072 (tests use a few). */
  idMemoryKeys?: number;
}

export const DEFAULT_MAX_REPORTED_ISSUES = 200;

/**
 * The request's own problems, independent of any package: the gateway may answer 400 with them
 * before a job exists, and validateImport reports them too (entity 'package', field = option).
 *
 * - mergeStrategy overwrite replaces the user's records: it must be confirmed with
 *   overwriteExisting: true, else OVERWRITE_NOT_CONFIRMED (an error).
 * - overwriteExisting: true with fail_on_conflict or skip_existing changes nothing: existing
 *   records are replaced only under overwrite. OVERWRITE_FLAG_IGNORED (a warning) says so rather
 *   than silently picking one of the two contradicting fields.
 */
export function checkImportOptions(options: Pick<ImportValidationOptions, 'mergeStrategy' | 'overwriteExisting'>): ImportIssue[] {
  if (options.mergeStrategy === 'overwrite' && !options.overwriteExisting) {
    return [
      {
        entity: 'package',
        field: 'overwriteExisting',
        code: 'OVERWRITE_NOT_CONFIRMED',
        severity: 'error',
        message: 'mergeStrategy overwrite replaces your existing records with the ones in the package; confirm it by setting overwriteExisting: true, or choose skip_existing (keep yours) or fail_on_conflict',
      },
    ];
  }
  if (options.mergeStrategy !== 'overwrite' && options.overwriteExisting) {
    return [
      {
        entity: 'package',
        field: 'overwriteExisting',
        code: 'OVERWRITE_FLAG_IGNORED',
        severity: 'warning',
        message: `overwriteExisting: true has no effect with mergeStrategy ${options.mergeStrategy}; existing records are replaced only with mergeStrategy overwrite`,
      },
    ];
  }
  return [];
}
