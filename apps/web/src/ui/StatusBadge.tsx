const WORDS: Record<string, string> = {
  initiated: 'Queued', processing: 'In progress', completed: 'Ready', failed: 'Failed', expired: 'Expired', deleting: 'Deleting', deleted: 'Deleted',
  awaiting_upload: 'Waiting for file', validating: 'Checking', validation_passed: 'Checked: OK', validation_failed: 'Checked: problems',
  compensating: 'Undoing', cancelling: 'Cancelling', cancelled: 'Cancelled',
};

/** A job's status in a word; a completed restore is "Restored", a completed backup "Ready". */
export function StatusBadge({ status, kind = 'export' }: { status: string; kind?: 'export' | 'import' }) {
  const word = kind === 'import' && status === 'completed' ? 'Restored' : WORDS[status] ?? status;
  return <span className={`badge badge-${status}`}>{word}</span>;
}
