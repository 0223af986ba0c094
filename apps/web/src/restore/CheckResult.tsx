import { useState } from 'react';
import { useApi } from '../api/context';
import type { ImportStatus } from '../api/types';
import { Choices, conflictCounts } from './choices';
import { EntityReport, IssueList } from './ValidationReport';
import { ErrorNotice, Notice } from '../ui/Notice';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** The dry run's report and what to do next. */
export function CheckResult({ job, choices, onRestore, onRecheck }: { job: ImportStatus; choices: Choices; onRestore: () => void; onRecheck: () => void }) {
  const api = useApi();
  const [reportError, setReportError] = useState<unknown>();
  const passed = job.status === 'validation_passed';
  async function downloadReport() {
    setReportError(undefined);
    try {
      const url = URL.createObjectURL(await api.reportCsv(job.importId));
      const a = Object.assign(document.createElement('a'), { href: url, download: `restore-report-${job.importId}.csv` });
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setReportError(e);
    }
  }
  const { mine, others } = conflictCounts(job);
  const issues = [...job.errors, ...job.warnings];
  return (
    <section className="card check-result" aria-labelledby="check-title">
      <h2 id="check-title">Check result</h2>
      <div aria-live="polite">
        {passed ? (
          <Notice kind="success" title="The file is fine: it can be restored with these choices.">
            {job.warningCount ? `${plural(job.warningCount, 'warning is', 'warnings are')} listed below; they do not stop the restore.` : 'No problems were found.'}
          </Notice>
        ) : job.status === 'validation_failed' ? (
          <Notice kind="error" title={`The file cannot be restored as it is: ${plural(job.errorCount, 'problem was', 'problems were')} found.`}>
            {others > 0 && !choices.asCopy && <p>{plural(others, 'record belongs', 'records belong')} to another account. Tick <strong>Import as a copy</strong> and check again.</p>}
            {mine > 0 && choices.strategy === 'fail_on_conflict' && <p>{plural(mine, 'record already exists', 'records already exist')} in your account. Choose <strong>Keep what I have</strong>, <strong>Replace with the backup</strong> or <strong>Import as a copy</strong>, then check again.</p>}
            {others === 0 && mine === 0 && <p>The file is damaged or was changed after it was made. Download the list of problems, or restore another backup.</p>}
          </Notice>
        ) : (
          <Notice kind="error" title={`The check did not finish: ${job.error ?? job.status}.`}>Try again; if it fails again, restore another backup.</Notice>
        )}
      </div>
      {job.validationSummary && Object.keys(job.validationSummary).length > 0 && <EntityReport summary={job.validationSummary} />}
      <IssueList issues={issues} total={(job.errorCount ?? 0) + (job.warningCount ?? 0)} />
      <div className="actions">
        {passed && <button type="button" className="primary" onClick={onRestore}>Restore now</button>}
        <button type="button" className={passed ? '' : 'primary'} onClick={onRecheck}>Check again with these choices</button>
        {job.reportAvailable && <button type="button" onClick={() => void downloadReport()}>Download the full report (CSV)</button>}
      </div>
      {reportError !== undefined && <ErrorNotice error={reportError} doing="downloading the report" />}
      <p className="hint">Checking again sends the file again.</p>
    </section>
  );
}
