import type { EntityKind, ImportOptionsV1, SagaStep } from '@housef3/contracts';

/**
 * Statuses of an import. The design document's (uploaded, validating, processing, completed,
 * failed) with the outcomes its API names (validation_passed, validation_failed) and the saga's
 * own: compensating (rolling back), cancelled (rolled back at the user's request).
 */
export const IMPORT_STATUSES = [
  'awaiting_upload', 'validating', 'validation_passed', 'validation_failed', 'processing', 'compensating', 'completed', 'failed', 'cancelled',
  'compensation_failed',
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/**
 * Where no worker acts any more. `compensation_failed` is terminal for the machine: its
 * compensations kept failing past their bounded attempts and an operator is paged (docs/operations.md).
 */
export const FINAL_IMPORT_STATUSES: readonly ImportStatus[] = ['validation_passed', 'validation_failed', 'completed', 'failed', 'cancelled', 'compensation_failed'];

/** Where a worker acts: the sweeper resumes these when nobody holds their lease. */
export const ACTIVE_IMPORT_STATUSES = ['validating', 'processing', 'compensating'] as const;
export type ActiveImportStatus = (typeof ACTIVE_IMPORT_STATUSES)[number];

export interface ImportIssueView {
  entity: string;
  id?: string;
  field: string;
  message: string;
  code?: string;
}

export interface ImportEntitySummary {
  valid: number;
  warnings: number;
  errors: number;
}

/** How many issues of one code and severity validation found (listed or not). */
export interface ImportIssueTotal {
  code: string;
  severity: 'error' | 'warning';
  count: number;
}

export interface ImportValidationResults {
  summary: Partial<Record<EntityKind, ImportEntitySummary>>;
  errors: ImportIssueView[];
  warnings: ImportIssueView[];
  errorCount: number;
  warningCount: number;
  formatVersion?: string;
  /** per code and severity, every issue (set when the full report was written: importReportKey) */
  issueTotals?: ImportIssueTotal[];
  /** What the package was recognized as, e.g. `housef3-backup-1.1` or `housef3-fzip-1.0` (HouseF3's own backup). */
  sourceFormat?: string;
}

export interface WriteCounts {
  created: number;
  updated: number;
  skipped: number;
}

export interface ImportResults {
  counts: Partial<Record<EntityKind, WriteCounts>>;
  filesRestored: number;
}

/** Where the saga is: the step, its next chunk, and the steps already done (compensated in reverse). */
export interface SagaState {
  step: SagaStep;
  chunk: number;
  completedSteps: SagaStep[];
  /** chunks of the current step done (compensation replays its journal) */
  recordsDone: number;
  recordsTotal: number;
  /**
   * records per chunk of the current step, set with its first checkpoint: a resumed step keeps the
   * chunking its journals and checkpoint were written with, whatever IMPORT_CHUNK_RECORDS says now
   */
  chunkRecords?: number;
  /** steps whose compensation finished (a resumed rollback skips them) */
  compensated?: SagaStep[];
}

/** The file-service's answer to one chunk of the files step or of its compensation, recorded on the job by whichever replica consumed it. */
export interface FileChunkAnswer {
  outcome: 'restored' | 'restore_failed' | 'compensated';
  restored: number;
  deleted?: number;
  errorCode?: string;
  errorMessage?: string;
  at: number;
}

/** The job's progress as a user sees it: one monotone fraction of the whole job's work. */
export interface JobProgress {
  /** 0..1, never decreasing */
  fraction: number;
  /** the phase the fraction is in (validating, restoring_<step>, verifying, rolling_back) */
  phase: string;
  updatedAt: number;
  /** where a rollback started from (it continues towards 1 from there) */
  rollbackFrom?: number;
}

/** What the whole import has to do, known after validation: records per step, original-file bytes, package bytes. */
export interface ImportWorkPlan {
  records: Partial<Record<SagaStep, number>>;
  fileBytes: number;
  packageBytes: number;
}

/** An event (and clean-up) owed after a final transition: written with the transition, cleared once published (the sweeper finishes it after a crash). */
export interface OutboxEntry {
  type: 'import.completed' | 'import.failed' | 'import.validated';
  messageId: string;
  occurredAt: string;
  /** the package and the import's own objects are deleted once the event is out */
  cleanUp: boolean;
}

export interface ImportMultipartUpload {
  uploadId: string;
  /** the package size declared when the upload was created, bytes */
  size: number;
  partSize: number;
  partCount: number;
  /** set once the parts were assembled into the package object */
  completedAt?: number;
}


interface ImportJobBase {
  importId: string;
  userId: string;
  status: ImportStatus;
  /** epoch ms: when the upload URL was issued (the design's uploadedAt, the GSI's range key) */
  uploadedAt: number;
  uploadKey: string;
  uploadExpiresAt: number;
  /** the package pinned at start: a copy of the upload under the import's prefix that no URL can write */
  packageKey?: string;
  /** the pinned copy's ETag: every read of the package is conditional on it */
  packageEtag?: string;
  maxPackageBytes: number;
  /** set when the package is uploaded in parts (S3 multipart upload) */
  multipart?: ImportMultipartUpload;
  startedAt?: number;
  completedAt?: number;
  packageSize?: number;
  options?: ImportOptionsV1;
  /** the design's attribute, duplicated from options for queries */
  mergeStrategy?: ImportOptionsV1['mergeStrategy'];
  validationResults?: ImportValidationResults;
  importResults?: ImportResults;
  saga?: SagaState;
  error?: string;
  errorCode?: string;
  failedStep?: SagaStep;
  /** times a worker lost the job without releasing it (a crash); bounded by IMPORT_MAX_ATTEMPTS */
  attempt: number;
  /** transient failures (throttling, 5xx, timeouts) in a row; the sweeper resumes after `retryAt` */
  transientRetries?: number;
  retryAt?: number;
  lastTransientError?: string;
  /** runs of the compensation that failed; bounded, then compensation_failed */
  compensationAttempts?: number;
  leaseOwner?: string;
  leaseExpiresAt?: number;
  cancelRequestedAt?: number;
  /** answers of the file-service per chunk: `restore:<n>` / `compensate:<n>` */
  fileAnswers?: Record<string, FileChunkAnswer>;
  progress?: JobProgress;
  work?: ImportWorkPlan;
  outbox?: OutboxEntry;
  /** epoch ms: the user deleted the import (DELETE /import/{id}); its objects go at once */
  erasureRequestedAt?: number;
  /** epoch ms: every object under the import's prefix was deleted (retention or erasure) */
  erasedAt?: number;
  ttl?: number;
}

/** One item of the import-jobs table (PK importId, GSI UserIdIndex(userId, uploadedAt)), by status. */
export type ImportJob =
  | (ImportJobBase & { status: 'awaiting_upload' | 'validation_passed' | 'validation_failed' | 'cancelled' | 'failed' | 'completed' | 'compensation_failed' })
  | (ImportJobBase & { status: 'validating'; options: ImportOptionsV1; startedAt: number })
  | (ImportJobBase & { status: 'processing'; options: ImportOptionsV1; startedAt: number; saga: SagaState; importResults: ImportResults; validationResults: ImportValidationResults })
  | (ImportJobBase & { status: 'compensating'; options?: ImportOptionsV1; error: string; errorCode: string });

export type ImportJobIn<S extends ImportStatus> = Extract<ImportJob, { status: S }>;

export function isActiveImport(job: ImportJob): job is ImportJobIn<ActiveImportStatus> {
  return (ACTIVE_IMPORT_STATUSES as readonly string[]).includes(job.status);
}

/** Statuses in which nothing works on the import's objects any more: its retention may run. */
export const RESTING_IMPORT_STATUSES: readonly ImportStatus[] = ['awaiting_upload', ...FINAL_IMPORT_STATUSES];

/** When a resting import ended (or, never started, when its upload URL was issued). */
export function importEndedAt(job: Pick<ImportJob, 'completedAt' | 'startedAt' | 'uploadedAt'>): number {
  return job.completedAt ?? job.startedAt ?? job.uploadedAt;
}

/** Where the upload lands: the user's own prefix in the packages bucket, one object per import. */
export function importUploadKey(userId: string, importId: string): string {
  return `${importPrefix(userId, importId)}package.zip`;
}

/** The package pinned at start: a copy of the upload that no presigned URL can write (only the upload key is ever presigned). */
export function pinnedPackageKey(userId: string, importId: string): string {
  return `${importPrefix(userId, importId)}pinned/package.zip`;
}

/** Everything the import keeps for itself (package, journals, prior versions): `imports/{user}/{import}/`. */
export function importPrefix(userId: string, importId: string): string {
  return `imports/${encodeURIComponent(userId)}/${importId}/`;
}

/**
 * What a user's cancel means in each status: before any write the job simply ends cancelled;
 * while validating or restoring, the worker holding it stops (and rolls back what it wrote);
 * a job that ended (or is rolling back already) cannot be cancelled.
 */
export function cancelEffect(status: ImportStatus): 'end_cancelled' | 'ask_worker' | 'too_late' {
  switch (status) {
    case 'awaiting_upload':
    case 'validation_passed':
    case 'validation_failed':
      return 'end_cancelled';
    case 'validating':
    case 'processing':
      return 'ask_worker';
    default:
      return 'too_late';
  }
}

/** The full validation report: one JSON line per issue, in the order found (written by the import-service, read by the gateway). */
export function importReportKey(userId: string, importId: string): string {
  return `${importPrefix(userId, importId)}report/issues.ndjson`;
}
