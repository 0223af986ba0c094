import type { EntityName } from '@housef3/package-format';
import type { ImportValidationOptions } from './import-options';
import { OWNER_LOOKUP_BATCH_SIZE, type ExistingRecords } from './ownership';
import { idField, recordLabel } from './record-label';
import type { RecordState, RecordTally } from './record-tally';

/** Entities whose table key starts with the owner: another user's record cannot have the same key. */
const KEYED_UNDER_USER: ReadonlySet<EntityName> = new Set(['analytics', 'user_preferences', 'recurring_charge_patterns', 'recurring_charge_predictions', 'pattern_feedback']);

/**
 * Asks ExistingRecords about the IDs of one entity, OWNER_LOOKUP_BATCH_SIZE at a time, while the
 * records stream by, and applies the rules to the answer:
 * - an ID of another user: ID_OWNED_BY_ANOTHER_USER, under every strategy (decisions.md: such a
 *   record is never written; remapIds, which looks nothing up, is the way out). The message never
 *   names the other user.
 * - an ID of the importing user: counted in existingOwn; with fail_on_conflict a CONFLICT error;
 *   skip_existing and overwrite decide per record when writing, so no issue here.
 * - analytics keys, and those of the 1.2 entities (their tables are keyed by userId first), are
 *   looked up under the importing user's partition: present = own.
 * A failing lookup (DynamoDB unavailable, ...) is thrown as it is: it says nothing about the
 * package and the caller may retry.
 */
export class OwnerLookup {
  private batch: { state: RecordState; id: string }[] = [];

  constructor(
    private readonly entity: EntityName,
    private readonly existing: ExistingRecords,
    private readonly options: ImportValidationOptions,
    private readonly tally: RecordTally,
  ) {}

  /** Queues the record's ID; looks a full batch up before returning. */
  async add(state: RecordState, id: string): Promise<void> {
    this.tally.hold(state);
    this.batch.push({ state, id });
    if (this.batch.length >= OWNER_LOOKUP_BATCH_SIZE) await this.flush();
  }

  /** Looks the queued IDs up (call it once the entity's records end). */
  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    const owners = await this.existing.owners(this.entity, batch.map((queued) => queued.id));
    for (const { state, id } of batch) {
      const owner = owners.get(id);
      if (owner !== undefined) this.judge(state, id, owner);
      this.tally.release(state);
    }
  }

  private judge(state: RecordState, id: string, owner: string): void {
    const summary = this.tally.summary[this.entity];
    const where = recordLabel(this.entity, state.index, id);
    const base = { entity: this.entity, id, index: state.index, field: idField(this.entity), severity: 'error' as const };
    if (!KEYED_UNDER_USER.has(this.entity) && owner !== this.options.userId) {
      summary.existingOther += 1;
      this.tally.report(state, {
        ...base,
        code: 'ID_OWNED_BY_ANOTHER_USER',
        message: `${where}: this ID already belongs to another user's record, which an import never writes over; import with remapIds: true to give every imported record a new ID`,
      });
      return;
    }
    summary.existingOwn += 1;
    if (this.options.mergeStrategy !== 'fail_on_conflict') return;
    const remapNote = this.options.remapIds ? ' (analytics for all accounts keep their key when IDs are remapped)' : '';
    this.tally.report(state, {
      ...base,
      code: 'CONFLICT',
      message: `${where}: a record with this ID already exists in your data and mergeStrategy is fail_on_conflict${remapNote}; choose skip_existing to keep yours, overwrite (with overwriteExisting: true) to replace it${this.options.remapIds ? '' : ', or remapIds: true to import a copy with new IDs'}`,
    });
  }
}

/**
 * Whether a record's ID must be looked up. With remapIds every ID is new (remap.ts), so nothing
 * can exist, except analytics for all accounts (`…#ALL`) and user preferences (keyed by their owner
 * alone): their key holds no ID to remap.
 */
export function needsOwnerLookup(entity: EntityName, remapIds: boolean, accountId: string | undefined): boolean {
  return !remapIds || (entity === 'analytics' && accountId === undefined) || entity === 'user_preferences';
}
