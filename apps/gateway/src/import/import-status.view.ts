import { ImportJob } from '@housef3/jobs';
import { estimateCompletion } from '../http/eta';
import { ImportIssue, ImportStatusResponse } from './import.responses';

/** The import-service's own progress record on the job (a fraction of the whole job's work). */
interface JobProgress {
  fraction: number;
  phase: string;
  updatedAt: number;
}

const PHASES: Record<string, string> = {
  awaiting_upload: 'awaiting_upload', validating: 'validating', validation_passed: 'validated', validation_failed: 'validated',
  completed: 'done', failed: 'rolled_back', cancelled: 'rolled_back',
};

const iso = (ms: number) => new Date(ms).toISOString();
const ENDED = ['completed', 'validation_passed', 'validation_failed', 'failed', 'cancelled'];

/** The fraction of the whole job done: the import-service's when it records one, else from the saga's position. */
export function importFraction(job: ImportJob): number {
  if (job.status === 'completed' || job.status === 'validation_passed' || job.status === 'validation_failed') return 1;
  const recorded = (job as ImportJob & { progress?: Partial<JobProgress> }).progress;
  if (recorded && typeof recorded.fraction === 'number' && Number.isFinite(recorded.fraction)) return Math.min(Math.max(recorded.fraction, 0), 0.99);
  const saga = job.saga;
  if (job.status !== 'processing' || !saga) return 0;
  const steps = 9;
  return Math.min(0.99, (saga.completedSteps.length + (saga.recordsTotal ? saga.recordsDone / saga.recordsTotal : 0)) / steps);
}

export function importPhase(job: ImportJob): string {
  const saga = job.saga;
  if (job.status === 'processing' && saga) return saga.step === 'verify' ? 'verifying' : `restoring_${saga.step}`;
  if (job.status === 'compensating') return `rolling_back_${saga?.step ?? ''}`;
  return PHASES[job.status] ?? job.status;
}

/** The design document's status view, with the whole report's totals and the saga's position. */
export function importStatusView(job: ImportJob, now: number): ImportStatusResponse {
  const fraction = importFraction(job);
  const counts = job.importResults?.counts ?? {};
  const summary: Record<string, number> = {};
  for (const [entity, c] of Object.entries(counts)) {
    summary[`${entity}_created`] = c?.created ?? 0;
    summary[`${entity}_updated`] = c?.updated ?? 0;
    summary[`${entity}_skipped`] = c?.skipped ?? 0;
  }
  if (job.importResults) summary.files_restored = job.importResults.filesRestored;
  const results = job.validationResults;
  const issue = (severity: ImportIssue['severity']) => (i: { entity: string; id?: string; field: string; message: string; code?: string }): ImportIssue => ({
    severity, code: i.code ?? 'UNKNOWN', entity: i.entity, ...(i.id !== undefined && i.id !== null && { id: i.id }), field: i.field, message: i.message,
  });
  const eta = ENDED.includes(job.status) ? undefined : estimateCompletion(job.startedAt, fraction, now);
  return {
    importId: job.importId, status: job.status, progress: Math.floor(fraction * 100), currentPhase: importPhase(job),
    ...(eta && { estimatedCompletionAt: eta }),
    ...(job.options && { options: job.options }),
    uploadedAt: iso(job.uploadedAt), ...(job.completedAt && { completedAt: iso(job.completedAt) }),
    ...(results?.summary && { validationSummary: results.summary as ImportStatusResponse['validationSummary'] }),
    summary,
    errors: (results?.errors ?? []).map(issue('error')),
    warnings: (results?.warnings ?? []).map(issue('warning')),
    errorCount: results?.errorCount ?? 0, warningCount: results?.warningCount ?? 0,
    issueTotals: results?.issueTotals ?? [],
    reportAvailable: results?.issueTotals !== undefined,
    ...(job.error && { error: job.error }), ...(job.errorCode && { errorCode: job.errorCode }), ...(job.failedStep && { failedStep: job.failedStep }),
  };
}
