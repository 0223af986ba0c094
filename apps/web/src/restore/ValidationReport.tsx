import { useMemo, useState } from 'react';
import type { ImportIssue, ImportStatus } from '../api/types';
import { entityLabel } from '../format';

/** The check's result per entity: how many records are fine, have warnings, or are refused. */
export function EntityReport({ summary }: { summary: NonNullable<ImportStatus['validationSummary']> }) {
  const rows = Object.entries(summary);
  if (rows.length === 0) return <p className="empty">The file held no records to check.</p>;
  return (
    <table className="report">
      <caption>What the file holds</caption>
      <thead><tr><th scope="col">Data</th><th scope="col">Valid</th><th scope="col">Warnings</th><th scope="col">Errors</th></tr></thead>
      <tbody>
        {rows.map(([entity, c]) => (
          <tr key={entity}>
            <th scope="row">{entityLabel(entity)}</th>
            <td>{c.valid.toLocaleString()}</td>
            <td className={c.warnings ? 'warn' : ''}>{c.warnings.toLocaleString()}</td>
            <td className={c.errors ? 'err' : ''}>{c.errors.toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function issuesCsv(issues: ImportIssue[]): string {
  const cell = (v: unknown) => {
    const s = v === undefined || v === null ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const cols = ['severity', 'code', 'entity', 'id', 'field', 'message'] as const;
  return [cols.join(','), ...issues.map((i) => cols.map((c) => cell((i as unknown as Record<string, unknown>)[c])).join(','))].join('\r\n') + '\r\n';
}

/** The issues found, filterable by entity and text, and downloadable as CSV. */
export function IssueList({ issues, total }: { issues: ImportIssue[]; total: number }) {
  const [entity, setEntity] = useState('');
  const [text, setText] = useState('');
  const entities = useMemo(() => [...new Set(issues.map((i) => i.entity))].sort(), [issues]);
  const shown = issues.filter((i) => (!entity || i.entity === entity) && (!text || `${i.message} ${i.field} ${i.id ?? ''}`.toLowerCase().includes(text.toLowerCase())));
  const csvHref = useMemo(() => (issues.length ? URL.createObjectURL(new Blob([issuesCsv(issues)], { type: 'text/csv' })) : undefined), [issues]);
  if (issues.length === 0) return null;
  return (
    <section className="issues" aria-labelledby="issues-title">
      <h3 id="issues-title">Problems found ({total.toLocaleString()})</h3>
      <div className="row filters">
        <div>
          <label htmlFor="issue-entity">Show</label>
          <select id="issue-entity" value={entity} onChange={(e) => setEntity(e.target.value)}>
            <option value="">all data</option>
            {entities.map((e) => <option key={e} value={e}>{entityLabel(e)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="issue-text">Search</label>
          <input id="issue-text" type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        {csvHref && <a className="button" href={csvHref} download="restore-issues.csv">Download the listed problems (CSV)</a>}
      </div>
      <p className="hint" aria-live="polite">{shown.length} of {issues.length} listed{total > issues.length ? ` (the first ${issues.length} of ${total})` : ''}</p>
      <ul className="issue-list">
        {shown.map((i, n) => (
          <li key={n}><span className="issue-entity">{entityLabel(i.entity)}</span>{i.id && <code>{i.id}</code>} <span className="issue-field">{i.field}</span>: {i.message}</li>
        ))}
      </ul>
    </section>
  );
}
