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

export interface ImportValidationResults {
  summary: Partial<Record<EntityKind, ImportEntitySummary>>;
  errors: ImportIssueView[];
  warnings: ImportIssueView[];
  errorCount: number;
  warningCount: number;
  formatVersion?: string;
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

/** One item of the import-jobs table (PK importId, GSI UserIdIndex(userId, uploadedAt)). */
export interface ImportJob {
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
  /** epoch ms: the user deleted the import (DELETE /import/{id}); its objects go at once */
  erasureRequestedAt?: number;
  /** epoch ms: every object under the import's prefix was deleted (retention or erasure) */
  erasedAt?: number;
  ttl?: number;
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
