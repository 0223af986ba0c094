import type { EntityCountsV1, EntityKind, ExportOptionsV1 } from '@housef3/contracts';

/** The design document's statuses (plus `expired`, when the package passed its retention). */
export const EXPORT_STATUSES = ['initiated', 'processing', 'completed', 'failed', 'expired'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** Where a processing export is. `collecting` is the export-service's, `assembling` the file-service's. */
export const EXPORT_PHASES = ['queued', 'collecting', 'assembling', 'finalizing', 'done'] as const;
export type ExportPhase = (typeof EXPORT_PHASES)[number];

export interface ExportProgress {
  phase: ExportPhase;
  /** entity being collected, or the file being packaged */
  current?: string;
  recordsDone: number;
  bytesDone: number;
  /** records collected per entity (set when collection is done) */
  counts?: Partial<Record<EntityKind, number>>;
}

/** What the export is expected to hold, computed when it is requested. */
export interface ExportEstimate {
  records: number;
  bytes: number;
}

/** One item of the export-jobs table (PK exportId, GSI UserIdIndex(userId, requestedAt)). */
export interface ExportJob {
  exportId: string;
  userId: string;
  status: ExportStatus;
  exportType: 'complete' | 'selective';
  /** epoch ms */
  requestedAt: number;
  startedAt?: number;
  completedAt?: number;
  parameters: ExportOptionsV1;
  estimate: ExportEstimate;
  progress: ExportProgress;
  /** the package's key in the packages bucket (set when the job starts, one per export) */
  packageKey: string;
  /** the staged plan the file-service assembles from (set at hand-over) */
  planKey?: string;
  packageSize?: number;
  packageSha256?: string;
  counts?: EntityCountsV1;
  filesCount?: number;
  /** epoch ms after which the package is deleted */
  expiresAt?: number;
  /** DynamoDB TTL (epoch seconds): the job record itself goes some time after it ended */
  ttl?: number;
  error?: string;
  errorCode?: string;
  /** work attempts so far (a crashed worker's job is retried up to a limit) */
  attempt: number;
  leaseOwner?: string;
  /** epoch ms; a processing job whose lease passed is taken over by the sweeper */
  leaseExpiresAt?: number;
  deleteRequestedAt?: number;
  /** transient failures in a row (throttling, 5xx, a broker away); the sweeper resumes the job after its lease time */
  transientRetries?: number;
  /** an event owed after a final transition, written with it and cleared once published (a crash in between loses nothing) */
  outbox?: ExportOutboxEntry;
}

export interface ExportOutboxEntry {
  type: 'export.completed' | 'export.failed' | 'export.expired';
  messageId: string;
  occurredAt: string;
}

/**
 * An honest fraction of the work: records collected and bytes packaged over what the estimate
 * said, weighted by phase (collection then assembly), never 1 before the job is completed.
 */
export function progressFraction(job: Pick<ExportJob, 'status' | 'progress' | 'estimate'>): number {
  if (job.status === 'completed' || job.status === 'expired') return 1;
  if (job.status === 'initiated') return 0;
  const { phase, recordsDone, bytesDone } = job.progress;
  const records = Math.max(job.estimate.records, 1);
  const bytes = Math.max(job.estimate.bytes, 1);
  // Collection reads records (~40% of the time for a typical user); assembly moves bytes.
  const collected = Math.min(recordsDone / records, 1);
  const packaged = Math.min(bytesDone / bytes, 1);
  const fraction = phase === 'queued' ? 0 : phase === 'collecting' ? 0.4 * collected : phase === 'assembling' ? 0.4 + 0.58 * packaged : 0.98;
  return Math.min(Math.round(fraction * 1000) / 1000, 0.99);
}

/** `export_[timestamp]_[user_id].zip`, the design's name, under a per-user, per-export prefix. */
export function packageKeyFor(userId: string, exportId: string, requestedAt: number): string {
  const stamp = new Date(requestedAt).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return `exports/${encodeURIComponent(userId)}/${exportId}/export_${stamp}_${encodeURIComponent(userId)}.zip`;
}

/** Human estimate of a size, as the design's `"~25MB"`. */
export function humanSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `~${value < 10 && unit > 0 ? value.toFixed(1) : Math.round(value)}${units[unit]}`;
}
