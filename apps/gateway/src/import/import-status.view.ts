import { FINAL_IMPORT_STATUSES, ImportJob } from '@housef3/jobs';
import { estimateCompletion } from '../http/eta';
import { ImportIssue, ImportStatusResponse } from './import.responses';

const PHASES: Record<string, string> = {
  awaiting_upload: 'awaiting_upload', validating: 'validating', validation_passed: 'validated', validation_failed: 'validated',
  completed: 'done', failed: 'rolled_back', cancelled: 'rolled_back', compensation_failed: 'rollback_failed',
};

const iso = (ms: number) => new Date(ms).toISOString();
const ENDED: readonly string[] = FINAL_IMPORT_STATUSES;

/**
 * The fraction of the whole job done, as the import-service records it on the job: one monotone
 * fraction weighted by work (validation by bytes, steps by records and bytes, verification,
 * rollback). An ended job is done.
 */
export function importFraction(job: ImportJob): number {
  if (ENDED.includes(job.status)) return 1;
  const fraction = job.progress?.fraction;
  return typeof fraction === 'number' && Number.isFinite(fraction) ? Math.min(Math.max(fraction, 0), 0.99) : 0;
}

export function importPhase(job: ImportJob): string {
  const saga = job.saga;
  if (job.status === 'processing' && saga) return saga.step === 'verify' ? 'verifying' : `restoring_${saga.step}`;
  if (job.status === 'compensating') return `rolling_back_${saga?.step ?? ''}`;
  return PHASES[job.status] ?? job.status;
}

/** The design document's status view, with the whole report's totals and the saga's position. */
export function importStatusView(job: ImportJob, now: number, errors: { shown(job: ImportJob): { code: string; message: string } | undefined }): ImportStatusResponse {
  const shown = errors.shown(job);
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
    errorCount: results?.errorCount ?? 0, warningCount: results?.warningCount ?? 0, ...(results?.sourceFormat && { sourceFormat: results.sourceFormat }),
    issueTotals: results?.issueTotals ?? [],
    reportAvailable: results?.issueTotals !== undefined,
    ...(shown && { error: shown.message, errorCode: shown.code }), ...(job.failedStep && { failedStep: job.failedStep }),
  };
}
