import { FormEvent, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/context';
import type { CreateExportRequest, CreateExportResponse } from '../api/types';
import { formatDateTime } from '../format';
import { ErrorNotice, Notice } from '../ui/Notice';
import { ExportEstimate } from './ExportEstimate';

type Scope = 'everything' | 'dates' | 'accounts' | 'categories';

/** Builds the request from the form; the gateway checks it again. */
export function exportRequest(form: { scope: Scope; includeAnalytics: boolean; description: string; from: string; to: string; accounts: string }): CreateExportRequest {
  const description = form.description.trim() || undefined;
  switch (form.scope) {
    case 'everything':
      return { includeAnalytics: form.includeAnalytics, format: 'complete', description };
    case 'dates':
      return { includeAnalytics: form.includeAnalytics, format: 'selective', description, dateRange: { from: form.from, to: form.to } };
    case 'accounts':
      return { includeAnalytics: form.includeAnalytics, format: 'selective', description, accountIds: form.accounts.split(/[\s,]+/).filter(Boolean) };
    case 'categories':
      return { includeAnalytics: false, format: 'selective', description, categoriesOnly: true };
  }
}

/** What the form still needs before its backup can be estimated, if anything. */
export function missingForEstimate(form: { scope: Scope; from: string; to: string; accounts: string }): string | undefined {
  if (form.scope === 'dates' && (!form.from || !form.to)) return 'Choose both dates to see how large the backup will be.';
  if (form.scope === 'accounts' && !form.accounts.trim()) return 'Enter account ids to see how large the backup will be.';
  return undefined;
}

export function ExportForm({ onCreated }: { onCreated?: (created: CreateExportResponse) => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [scope, setScope] = useState<Scope>('everything');
  const [includeAnalytics, setIncludeAnalytics] = useState(true);
  const [description, setDescription] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [accounts, setAccounts] = useState('');
  const create = useMutation({
    mutationFn: (body: CreateExportRequest) => api.createExport(body),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['exports'] });
      onCreated?.(created);
    },
  });

  const request = exportRequest({ scope, includeAnalytics, description, from, to, accounts });
  const missing = missingForEstimate({ scope, from, to, accounts });

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate(request);
  }

  return (
    <form className="card export-form" onSubmit={submit} aria-labelledby="new-backup-title">
      <h2 id="new-backup-title">Create a backup</h2>
      <fieldset>
        <legend>What to include</legend>
        {([
          ['everything', 'Everything', 'accounts, transactions, categories, file maps and your statement files'],
          ['dates', 'Transactions between two dates', 'with the accounts, categories and files they use'],
          ['accounts', 'Some accounts only', 'paste their account ids'],
          ['categories', 'Categories and rules only', 'no accounts or transactions'],
        ] as const).map(([value, label, hint]) => (
          <label key={value} className="choice">
            <input type="radio" name="scope" value={value} checked={scope === value} onChange={() => setScope(value)} />
            <span><strong>{label}</strong> <span className="hint">{hint}</span></span>
          </label>
        ))}
      </fieldset>
      {scope === 'dates' && (
        <div className="row">
          <div><label htmlFor="from">From</label><input id="from" type="date" required value={from} onChange={(e) => setFrom(e.target.value)} /></div>
          <div><label htmlFor="to">To</label><input id="to" type="date" required value={to} onChange={(e) => setTo(e.target.value)} /></div>
        </div>
      )}
      {scope === 'accounts' && (
        <div><label htmlFor="accounts">Account ids</label><textarea id="accounts" required rows={2} value={accounts} onChange={(e) => setAccounts(e.target.value)} /></div>
      )}
      {scope !== 'categories' && (
        <label className="choice">
          <input type="checkbox" checked={includeAnalytics} onChange={(e) => setIncludeAnalytics(e.target.checked)} />
          <span><strong>Include analytics</strong> <span className="hint">computed summaries; HouseF3 can recompute them, so leaving them out makes the file smaller</span></span>
        </label>
      )}
      <div>
        <label htmlFor="description">Description <span className="hint">(optional)</span></label>
        <input id="description" maxLength={500} value={description} onChange={(e) => setDescription(e.target.value)} placeholder="e.g. before moving banks" />
      </div>
      <ExportEstimate id="export-estimate" request={missing ? undefined : request} missing={missing} />
      <button type="submit" className="primary" disabled={create.isPending} aria-describedby="export-estimate">{create.isPending ? 'Starting…' : 'Create backup'}</button>
      {create.isError && <ErrorNotice error={create.error} doing="creating the backup" />}
      {create.data && (
        <Notice kind="info" title={`Backup started. Estimated size: ${create.data.estimatedSize.replace(/^~/, 'about ')}.`}>
          Expected to be ready by {formatDateTime(create.data.estimatedCompletion)}. Its progress shows below.
        </Notice>
      )}
    </form>
  );
}
