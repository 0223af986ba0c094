import type { EntityKind, ImportOptionsV1, SagaStep } from '@housef3/contracts';

/**
 * Statuses of an import. The design document's (uploaded, validating, processing, completed,
 * failed) with the outcomes its API names (validation_passed, validation_failed) and the saga's
 * own: compensating (rolling back), cancelled (rolled back at the user's request).
 */
export const IMPORT_STATUSES = [
  'awaiting_upload', 'validating', 'validation_passed', 'validation_failed', 'processing', 'compensating', 'completed', 'failed', 'cancelled',
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const FINAL_IMPORT_STATUSES: readonly ImportStatus[] = ['validation_passed', 'validation_failed', 'completed', 'failed', 'cancelled'];

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

/** One item of the import-jobs table (PK importId, GSI UserIdIndex(userId, uploadedAt)). */
export interface ImportJob {
  importId: string;
  userId: string;
  status: ImportStatus;
  /** epoch ms: when the upload URL was issued (the design's uploadedAt, the GSI's range key) */
  uploadedAt: number;
  uploadKey: string;
  uploadExpiresAt: number;
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
  attempt: number;
  leaseOwner?: string;
  leaseExpiresAt?: number;
  cancelRequestedAt?: number;
  ttl?: number;
}

/** Where the upload lands: the user's own prefix in the packages bucket, one object per import. */
export function importUploadKey(userId: string, importId: string): string {
  return `${importPrefix(userId, importId)}package.zip`;
}

/** Everything the import keeps for itself (package, journals, prior versions): `imports/{user}/{import}/`. */
export function importPrefix(userId: string, importId: string): string {
  return `imports/${encodeURIComponent(userId)}/${importId}/`;
}

/** The full validation report: one JSON line per issue, in the order found (written by the import-service, read by the gateway). */
export function importReportKey(userId: string, importId: string): string {
  return `${importPrefix(userId, importId)}report/issues.ndjson`;
}
