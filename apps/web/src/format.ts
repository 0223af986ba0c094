/** Plain-words formatting for sizes, durations and entity names. */

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[i]}`;
}

/** "2 days 3 hours", "5 minutes", "less than a minute"; the two largest units. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return 'less than a minute';
  const parts: string[] = [];
  const units: Array<[string, number]> = [['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000]];
  let rest = ms;
  for (const [name, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

/** A rough duration for an estimate: "under a minute", "about 3 minutes", "about an hour", "about 5 hours". */
export function durationInWords(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 60) return 'under a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 2) return 'about a minute';
  if (minutes < 60) return `about ${minutes} minutes`;
  const hours = Math.round(seconds / 3600);
  return hours < 2 ? 'about an hour' : `about ${hours} hours`;
}

/** "expires in 6 days 23 hours" / "expired". */
export function expiryCountdown(expiresAt: string | undefined, now: number): string | undefined {
  if (!expiresAt) return undefined;
  const left = Date.parse(expiresAt) - now;
  return left <= 0 ? 'expired' : `expires in ${formatDuration(left)}`;
}

export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

const ENTITY_NAMES: Record<string, string> = {
  accounts: 'Accounts', transactions: 'Transactions', categories: 'Categories', fileMaps: 'File maps', file_maps: 'File maps',
  transactionFiles: 'Statement files', transaction_files: 'Statement files', files: 'Original files', analytics: 'Analytics',
};

export function entityLabel(entity: string): string {
  return ENTITY_NAMES[entity] ?? entity.replace(/[_-]/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

/** Status words people read. */
export function phaseLabel(phase: string | undefined): string {
  if (!phase) return '';
  const known: Record<string, string> = {
    queued: 'Waiting to start', collecting: 'Collecting your data', assembling: 'Packing the file', done: 'Done',
    awaiting_upload: 'Waiting for the file', validating: 'Checking the file', validated: 'Checked', verifying: 'Verifying what was written',
    rolled_back: 'Rolled back',
  };
  if (known[phase]) return known[phase];
  const restoring = /^restoring_(.+)$/.exec(phase);
  if (restoring) return `Restoring ${entityLabel(restoring[1]).toLowerCase()}`;
  const rolling = /^rolling_back_(.*)$/.exec(phase);
  if (rolling) return `Undoing ${rolling[1] ? entityLabel(rolling[1]).toLowerCase() : 'changes'}`;
  return phase.replace(/_/g, ' ');
}
