import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApi } from '../api/context';
import type { CreateExportRequest, ExportEstimate as Estimate } from '../api/types';
import { durationInWords, formatBytes } from '../format';
import { ErrorNotice } from '../ui/Notice';

/** How long the options must stay unchanged before they are estimated (typing a date or an id). */
export const ESTIMATE_DEBOUNCE_MS = 400;

/** `value`, once it has not changed for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** "About 3.2 MB, under a minute." */
export function estimateInWords(e: Pick<Estimate, 'estimatedBytes' | 'estimatedDurationSeconds'>): string {
  return `About ${formatBytes(e.estimatedBytes)}, ${durationInWords(e.estimatedDurationSeconds)}.`;
}

function contentsInWords(e: Estimate): string {
  const n = (count: number, one: string, many: string) => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
  const parts = [n(e.records, 'record', 'records')];
  if (e.counts.transactions !== undefined) parts[0] += ` (${n(e.counts.transactions, 'transaction', 'transactions')})`;
  if (e.counts.transaction_files !== undefined) parts.push(`${n(e.files, 'statement file', 'statement files')} (${formatBytes(e.fileBytes)})`);
  return `${parts.join(' and ')}${e.exact ? '' : ', partly estimated from your data'}.`;
}

/**
 * The size and time of the backup the form describes, before it is created: asked of the gateway
 * (POST /export/estimate) once the options have settled, and kept on screen while new options
 * are estimated. Announced politely; the create button refers to it (aria-describedby).
 * `request` undefined: the options are not complete yet, `missing` says what to fill in.
 */
export function ExportEstimate({ id, request, missing, debounceMs = ESTIMATE_DEBOUNCE_MS }: { id: string; request?: CreateExportRequest; missing?: string; debounceMs?: number }) {
  const api = useApi();
  // the description does not change the size: typing it asks nothing
  const key = request ? JSON.stringify({ ...request, description: undefined }) : '';
  const settled = useDebounced(key, debounceMs);
  const estimate = useQuery({
    queryKey: ['export-estimate', settled],
    queryFn: ({ signal }) => api.estimateExport(JSON.parse(settled) as CreateExportRequest, signal),
    enabled: settled !== '' && settled === key,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });
  const waiting = key !== '' && (settled !== key || estimate.isFetching);
  const shown = key !== '' && estimate.data && !estimate.isError ? estimate.data : undefined;

  let text: string;
  if (key === '') text = missing ?? 'Choose what to include to see how large the backup will be.';
  else if (shown) text = estimateInWords(shown);
  else if (estimate.isError && !waiting) text = 'No estimate of the size right now; you can still create the backup.';
  else text = 'Estimating the size…';

  return (
    <div className="estimate">
      <div id={id} role="status" aria-live="polite" aria-atomic="true" aria-busy={waiting}>
        <p className="estimate-size">
          <span className="estimate-label">Estimated: </span>{text}
          {shown && waiting && <span className="hint"> Updating…</span>}
        </p>
        {shown && <p className="hint">{contentsInWords(shown)}</p>}
      </div>
      {key !== '' && estimate.isError && !waiting && <ErrorNotice error={estimate.error} doing="estimating the size of this backup" onRetry={() => void estimate.refetch()} />}
    </div>
  );
}
