import { ENTITY_NAMES, type EntityName } from '@housef3/package-format';
import type { ImportIssue } from './import-issue';
import type { IssueLog } from './issue-log';

/** What validation found for one entity file. */
export interface EntitySummary {
  /** Records without any error (they may have warnings). */
  valid: number;
  /** Records with at least one warning. */
  warnings: number;
  /** Records with at least one error (schema, reference, ownership, conflict, ...). */
  errors: number;
  /** Records read: valid + errors. */
  total: number;
  /** Records whose ID already exists in the importing user's data. */
  existingOwn: number;
  /** Records whose ID already belongs to another user. */
  existingOther: number;
}

/** One record under validation: what was found so far, and how many checks are still pending. */
export interface RecordState {
  readonly entity: EntityName;
  readonly index: number;
  readonly id?: string;
  error: boolean;
  warning: boolean;
  /** Open checks (the record's own pass, an owner lookup in flight, a deferred reference). */
  holds: number;
}

/**
 * Per-record accounting: a record counts once in `valid` or `errors` however many issues it has,
 * and only when all its checks are done, some of which finish later (owner lookups are batched;
 * references to records further on are checked at the end). Only records with an open check are
 * kept: at most one lookup batch, plus the categories and file maps that wait for the end.
 */
export class RecordTally {
  readonly summary = Object.fromEntries(ENTITY_NAMES.map((entity) => [entity, emptySummary()])) as Record<EntityName, EntitySummary>;

  constructor(private readonly log: IssueLog) {}

  /** A record whose own pass starts now (one hold, released by `release`). */
  open(entity: EntityName, index: number, id?: string): RecordState {
    return { entity, index, ...(id !== undefined ? { id } : {}), error: false, warning: false, holds: 1 };
  }

  report(state: RecordState, issue: ImportIssue): void {
    if (issue.severity === 'error') state.error = true;
    else state.warning = true;
    this.log.add(issue);
  }

  /** An issue about the package or the request, not about one record. */
  reportPackage(issue: ImportIssue): void {
    this.log.add(issue);
  }

  hold(state: RecordState): void {
    state.holds += 1;
  }

  release(state: RecordState): void {
    state.holds -= 1;
    if (state.holds !== 0) return;
    const summary = this.summary[state.entity];
    summary.total += 1;
    if (state.error) summary.errors += 1;
    else summary.valid += 1;
    if (state.warning) summary.warnings += 1;
  }
}

export function emptySummary(): EntitySummary {
  return { valid: 0, warnings: 0, errors: 0, total: 0, existingOwn: 0, existingOther: 0 };
}
