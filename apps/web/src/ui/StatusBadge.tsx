const WORDS: Record<string, string> = {
  initiated: 'Queued', processing: 'In progress', completed: 'Ready', failed: 'Failed', expired: 'Expired', deleting: 'Deleting', deleted: 'Deleted',
  awaiting_upload: 'Waiting for file', validating: 'Checking', validation_passed: 'Checked: OK', validation_failed: 'Checked: problems',
  compensating: 'Undoing', cancelling: 'Cancelling', cancelled: 'Cancelled',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{WORDS[status] ?? status}</span>;
}
