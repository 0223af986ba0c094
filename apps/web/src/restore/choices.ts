import type { ImportStatus, StartImportRequest } from '../api/types';

export type Strategy = 'fail_on_conflict' | 'skip_existing' | 'overwrite';

export interface Choices {
  strategy: Strategy;
  asCopy: boolean;
  dryRunFirst: boolean;
}

export const DEFAULT_CHOICES: Choices = { strategy: 'fail_on_conflict', asCopy: false, dryRunFirst: true };

export function startBody(choices: Choices, validateOnly: boolean): StartImportRequest {
  return {
    validateOnly,
    mergeStrategy: choices.strategy,
    remapIds: choices.asCopy,
    overwriteExisting: choices.strategy === 'overwrite',
  };
}

/** From a check's per-code totals: records that already exist in this account, and ids that belong to another one. */
export function conflictCounts(status: Pick<ImportStatus, 'issueTotals'>): { mine: number; others: number } {
  const total = (code: string) => status.issueTotals.filter((t) => t.code === code).reduce((n, t) => n + t.count, 0);
  return { mine: total('CONFLICT'), others: total('ID_OWNED_BY_ANOTHER_USER') };
}

/** What each choice does to this user's data, in plain words. */
export const STRATEGY_TEXT: Record<Strategy, { label: string; text: (mine: number) => string }> = {
  fail_on_conflict: {
    label: 'Stop if anything already exists',
    text: (mine) => (mine ? `${mine.toLocaleString()} records already exist in your account, so this restore would stop without changing anything.` : 'None of the file\'s records exist in your account yet.'),
  },
  skip_existing: {
    label: 'Keep what I have',
    text: (mine) => (mine ? `The ${mine.toLocaleString()} records you already have stay as they are; only the others are added.` : 'Records you already have stay as they are; the others are added.'),
  },
  overwrite: {
    label: 'Replace with the backup',
    text: (mine) => (mine ? `The ${mine.toLocaleString()} records you already have are replaced by the backup's version.` : 'Records you already have are replaced by the backup\'s version.'),
  },
};

export const COPY_TEXT = 'Every record gets a new id, so nothing you have is touched and a backup from another account can be restored. You may see the same data twice.';
