import type { ReactNode } from 'react';
import { explain } from '../api/errors';

/** An error a person can act on: what happened, then what to do. */
export function ErrorNotice({ error, doing, onRetry }: { error: unknown; doing: string; onRetry?: () => void }) {
  const { what, next } = explain(error, doing);
  return <Notice kind="error" title={what} action={onRetry && <button type="button" onClick={onRetry}>Try again</button>}>{next}</Notice>;
}

export function Notice({ kind, title, children, action }: { kind: 'error' | 'info' | 'success' | 'warning'; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <p className="notice-title">{title}</p>
      {children && <div className="notice-body">{children}</div>}
      {action}
    </div>
  );
}
