import type { ImportStatus } from '../api/types';
import { nextStepForJob } from '../api/errors';
import { entityLabel, phaseLabel } from '../format';
import { ProgressBar } from '../ui/ProgressBar';
import { StatusBadge } from '../ui/StatusBadge';

const RUNNING = ['awaiting_upload', 'validating', 'processing', 'compensating'];

/** A restore while it runs (live phase and progress, cancel) and its final summary. */
export function ImportProgress({ job, onCancel, cancelling }: { job: ImportStatus; onCancel?: () => void; cancelling?: boolean }) {
  const running = RUNNING.includes(job.status);
  return (
    <section className="card import-progress" aria-labelledby="run-title">
      <header className="card-head">
        <h2 id="run-title">Restore</h2>
        <StatusBadge status={job.status} kind="import" />
      </header>
      {running && (
        <>
          <div aria-live="polite">
            <ProgressBar value={job.progress} label={phaseLabel(job.currentPhase)} />
          </div>
          {onCancel && job.status !== 'compensating' && (
            <button type="button" className="danger" onClick={onCancel} disabled={cancelling}>{cancelling ? 'Cancelling…' : 'Cancel restore'}</button>
          )}
          {job.status === 'compensating' && <p className="hint">Undoing what was already written, so your account ends exactly as it was.</p>}
        </>
      )}
      {job.status === 'completed' && <RestoreSummary job={job} />}
      {job.status === 'cancelled' && (
        <div className="notice notice-warning" role="status">
          <p className="notice-title">Restore cancelled. Everything it had written was removed; your account is as it was before.</p>
        </div>
      )}
      {job.status === 'failed' && (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">The restore failed{job.failedStep ? ` while restoring ${entityLabel(job.failedStep).toLowerCase()}` : ''}: {job.error ?? 'no reason was recorded'}.</p>
          <p>Nothing was kept: your account is as it was before. {nextStepForJob(job.errorCode)}</p>
        </div>
      )}
    </section>
  );
}

/** "Accounts: 3 added, 1 kept" from the flat `<entity>_created/_updated/_skipped` summary. */
export function summaryRows(summary: Record<string, number>): Array<{ entity: string; created: number; updated: number; skipped: number }> {
  const rows = new Map<string, { entity: string; created: number; updated: number; skipped: number }>();
  for (const [key, n] of Object.entries(summary)) {
    const m = /^(.+)_(created|updated|skipped)$/.exec(key);
    if (!m) continue;
    const row = rows.get(m[1]) ?? { entity: m[1], created: 0, updated: 0, skipped: 0 };
    row[m[2] as 'created' | 'updated' | 'skipped'] = n;
    rows.set(m[1], row);
  }
  return [...rows.values()];
}

function RestoreSummary({ job }: { job: ImportStatus }) {
  const summary = (job.summary ?? {}) as Record<string, number>;
  const rows = summaryRows(summary);
  return (
    <div className="notice notice-success" role="status">
      <p className="notice-title">Restore complete.{job.options?.remapIds ? ' Everything was added as a copy with new ids.' : ''}</p>
      <table className="report">
        <caption className="sr-only">What was restored</caption>
        <thead><tr><th scope="col">Data</th><th scope="col">Added</th><th scope="col">Replaced</th><th scope="col">Kept as it was</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.entity}><th scope="row">{entityLabel(r.entity)}</th><td>{r.created.toLocaleString()}</td><td>{r.updated.toLocaleString()}</td><td>{r.skipped.toLocaleString()}</td></tr>
          ))}
        </tbody>
      </table>
      {summary.files_restored !== undefined && <p>{summary.files_restored.toLocaleString()} original statement files restored.</p>}
    </div>
  );
}
