import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FINAL_EXPORT } from '../api/api';
import { useApi } from '../api/context';
import type { ExportSummary } from '../api/types';
import { ErrorNotice } from '../ui/Notice';
import { ExportCard } from './ExportCard';
import { ExportForm } from './ExportForm';

/** Backups: create one, then follow it in the history below. */
export function BackupsScreen() {
  const api = useApi();
  const list = useQuery({ queryKey: ['exports'], queryFn: api.listExports });
  return (
    <div className="screen">
      <ExportForm />
      <section aria-labelledby="history-title" className="history">
        <h2 id="history-title">Your backups</h2>
        {list.isPending && <p role="status">Loading your backups…</p>}
        {list.isError && <ErrorNotice error={list.error} doing="loading your backups" onRetry={() => void list.refetch()} />}
        {list.data && <ExportHistory exports={list.data.exports} />}
      </section>
    </div>
  );
}

export function ExportHistory({ exports }: { exports: ExportSummary[] }) {
  if (exports.length === 0) {
    return <p className="empty">No backups yet. Create one above: you can download it for 7 days.</p>;
  }
  return <ul className="cards">{exports.map((e) => <li key={e.exportId}><LiveExport summary={e} /></li>)}</ul>;
}

/** Follows one backup: polls its status every second while it runs. */
function LiveExport({ summary }: { summary: ExportSummary }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const now = useNow();
  const status = useQuery({
    queryKey: ['export', summary.exportId],
    queryFn: () => api.exportStatus(summary.exportId),
    refetchInterval: (q) => (q.state.data && FINAL_EXPORT.includes(q.state.data.status) ? false : 1000),
  });
  const remove = useMutation({
    mutationFn: () => api.deleteExport(summary.exportId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['exports'] }),
  });
  if (status.isError) return <ErrorNotice error={status.error} doing="reading this backup's status" onRetry={() => void status.refetch()} />;
  if (!status.data) return <p role="status">Loading…</p>;
  return (
    <>
      <ExportCard job={status.data} now={now} deleting={remove.isPending} onDelete={() => {
        if (confirm('Delete this backup? Its file is removed and cannot be downloaded again.')) remove.mutate();
      }} />
      {remove.isError && <ErrorNotice error={remove.error} doing="deleting the backup" />}
    </>
  );
}

/** The current time, ticking each minute (for expiry countdowns). */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
