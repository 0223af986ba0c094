import { FINAL_IMPORT_STATUSES, ImportJob, importEndedAt } from '@housef3/jobs';

export interface RetentionSettings {
  /** how long an ended import's objects (upload, pinned package, journals, backups) are kept, ms */
  retentionMs: number;
  /** how long after its upload URL expired a never-started import is given up, ms */
  unstartedGraceMs: number;
}

/**
 * What the retention sweeper does with an import (docs/operations.md, "Retention"):
 * - `erase`: delete every object under its prefix (ended past the retention, or deleted by the user);
 * - `give_up`: a never-started import past its upload URL and the grace: cancel it, then erase;
 * - nothing while it runs, and nothing once erased.
 */
export function retentionAction(job: ImportJob, now: number, s: RetentionSettings): 'erase' | 'give_up' | undefined {
  if (job.erasedAt !== undefined) return undefined;
  if (job.status === 'awaiting_upload') return job.erasureRequestedAt !== undefined || now >= job.uploadExpiresAt + s.unstartedGraceMs ? 'give_up' : undefined;
  if (!FINAL_IMPORT_STATUSES.includes(job.status)) return undefined;
  if (job.erasureRequestedAt !== undefined) return 'erase';
  return now >= importEndedAt(job) + s.retentionMs ? 'erase' : undefined;
}

/**
 * Erased for good only once no upload URL can put anything there any more; before that, the
 * prefix is deleted again at every sweep.
 */
export function erasureFinal(job: ImportJob, now: number): boolean {
  return now > job.uploadExpiresAt;
}
