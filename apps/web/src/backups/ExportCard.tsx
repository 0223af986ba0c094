import type { ExportStatus } from '../api/types';
import { nextStepForJob } from '../api/errors';
import { entityLabel, expiryCountdown, formatBytes, formatDateTime, phaseLabel } from '../format';
import { ProgressBar } from '../ui/ProgressBar';
import { StatusBadge } from '../ui/StatusBadge';

/** One backup: its state, progress, contents and what can be done with it. */
export function ExportCard({ job, now, onDelete, deleting }: { job: ExportStatus; now: number; onDelete: () => void; deleting?: boolean }) {
  const running = job.status === 'initiated' || job.status === 'processing';
  const detail = job.progressDetail;
  const title = job.description || `Backup of ${formatDateTime(job.requestedAt)}`;
  const expiry = expiryCountdown(job.expiresAt, now);
  return (
    <article className={`card export-card status-${job.status}`} aria-label={title} data-export-id={job.exportId}>
      <header className="card-head">
        <h3>{title}</h3>
        <StatusBadge status={job.status} />
      </header>
      <p className="meta">
        {job.format === 'selective' ? 'Selected data' : 'Everything'} · requested {formatDateTime(job.requestedAt)}
        {job.packageSize !== undefined && <> · <span className="size">{formatBytes(job.packageSize)}</span></>}
      </p>
      {running && (
        <div aria-live="polite">
          <ProgressBar value={job.progress} label={phaseLabel(job.currentPhase)}
            detail={detail ? `${detail.recordsDone.toLocaleString()} of about ${detail.recordsEstimated.toLocaleString()} records · ${formatBytes(detail.bytesDone)} of about ${formatBytes(detail.bytesEstimated)}` : undefined} />
        </div>
      )}
      {job.status === 'completed' && (
        <>
          <div aria-live="polite"><ProgressBar value={100} label="Complete" /></div>
          {job.counts && (
            <dl className="counts">
              {Object.entries(job.counts).map(([entity, n]) => (
                <div key={entity}><dt>{entityLabel(entity)}</dt><dd>{Number(n).toLocaleString()}</dd></div>
              ))}
            </dl>
          )}
          <div className="actions">
            {job.downloadUrl && <a className="button primary" href={job.downloadUrl} download>Download</a>}
            <button type="button" className="danger" onClick={onDelete} disabled={deleting}>{deleting ? 'Deleting…' : 'Delete'}</button>
            {expiry && <span className="expiry">{expiry}</span>}
          </div>
        </>
      )}
      {job.status === 'failed' && (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">This backup failed: {job.error ?? 'the reason was not recorded'}.</p>
          <p>{nextStepForJob(job.errorCode)}</p>
          <button type="button" className="danger" onClick={onDelete} disabled={deleting}>Remove from the list</button>
        </div>
      )}
      {job.status === 'expired' && (
        <div className="notice notice-warning" role="status">
          <p className="notice-title">This backup has expired and its file was deleted.</p>
          <p>Create a new backup to download your data again.</p>
        </div>
      )}
    </article>
  );
}
