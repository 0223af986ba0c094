import {
  ENTITY_NAMES,
  entityIdOf,
  PackageError,
  S3_KEY_MAX_BYTES,
  type EntityName,
  type EntityRecordOf,
  type PackageFileInfo,
  type PackageReader,
  type PackageRecord,
} from '@housef3/package-format';
import { itemSizeBytes, MAX_ITEM_BYTES, toItem } from '@housef3/data-model';
import { findCycles } from './category-cycles';
import { fromValidationIssue } from './import-issue';
import type { ImportValidationOptions } from './import-options';
import { IdSet } from './id-set';
import { SpillArea } from './spill-area';
import { needsOwnerLookup, OwnerLookup } from './owner-lookup';
import type { ExistingRecords } from './ownership';
import { ID_LIST_MAX, idField, idList, recordLabel, singular } from './record-label';
import type { RecordState, RecordTally } from './record-tally';
import { referencesOf, type Reference } from './references';
import { targetFileKey } from './remap';

/**
 * One streaming pass over a package's records, entity by entity in restore order (ENTITY_NAMES),
 * running every check of validateImport. What it keeps while it runs (the memory bound):
 * - the IDs of every record read, to find duplicates and resolve references, in an IdSet per
 *   entity: at most DEFAULT_ID_SET_MEMORY_KEYS IDs in memory, the rest in sorted runs on disk in
 *   a per-validation folder under os.tmpdir() (options.spillDirectory), removed when the scan ends,
 *   failed or not; plus an 8 MiB Bloom filter per entity that spilled. Never a whole record;
 * - per category its parent and rule IDs, and the states of categories and file maps whose
 *   references point further on (restore order has two such: category -> parent category, file
 *   map -> account); checked at the end. Both entities are small (tens to hundreds per user);
 * - at most OWNER_LOOKUP_BATCH_SIZE records waiting for their owner lookup;
 * - the package's file list (already in memory in the reader) and the capped issue log.
 */
export class PackageScan {
  private readonly area: SpillArea;
  private readonly ids: Record<EntityName, IdSet>;
  /** Entities whose iteration ended (completely or not). */
  private readonly read = new Set<EntityName>();
  /** Entities whose iteration stopped on a package error: their ID sets are incomplete. */
  private readonly failed = new Set<EntityName>();
  private readonly deferred: { state: RecordState; reference: Reference }[] = [];
  private readonly categoryParents = new Map<string, { state: RecordState; parent: string }>();
  private readonly categoryRules = new Map<string, Set<string>>();
  private readonly files: Map<string, PackageFileInfo>;
  private readonly declaredMissing: Map<string, string>;

  constructor(
    private readonly reader: PackageReader,
    private readonly existing: ExistingRecords,
    private readonly options: ImportValidationOptions,
    private readonly tally: RecordTally,
  ) {
    this.area = new SpillArea(options.spillDirectory);
    this.ids = Object.fromEntries(ENTITY_NAMES.map((entity) => [entity, new IdSet({ area: this.area, name: entity, ...(options.idMemoryKeys !== undefined ? { memoryKeys: options.idMemoryKeys } : {}) })])) as Record<EntityName, IdSet>;
    this.files = new Map(reader.files.map((file) => [file.fileId, file]));
    this.declaredMissing = new Map(reader.manifest.missing_files.map((missing) => [missing.file_id, missing.reason]));
  }

  async run(): Promise<void> {
    try {
      await this.scan();
    } finally {
      for (const set of Object.values(this.ids)) set.close();
      this.area.dispose();
    }
  }

  private async scan(): Promise<void> {
    for (const entity of ENTITY_NAMES) {
      if (this.reader.hasEntity(entity)) await this.scanEntity(entity);
      await this.ids[entity].seal();
      this.read.add(entity);
      if (entity === 'transaction_files' && !this.failed.has(entity)) this.checkOrphanFiles();
    }
    this.checkCategoryCycles();
    for (const { state, reference } of this.deferred) {
      this.checkReference(state, reference);
      this.tally.release(state);
    }
  }

  private async scanEntity<E extends EntityName>(entity: E): Promise<void> {
    const lookup = new OwnerLookup(entity, this.existing, this.options, this.tally);
    try {
      for await (const item of this.reader.records(entity)) await this.scanRecord(entity, item, lookup);
    } catch (error) {
      if (!(error instanceof PackageError)) throw error;
      this.failed.add(entity);
      this.tally.reportPackage({ entity: 'package', field: error.entry ?? `data/${entity}.json`, code: error.code, message: error.message, severity: 'error' });
    }
    await lookup.flush();
  }

  private async scanRecord<E extends EntityName>(entity: E, item: PackageRecord<E>, lookup: OwnerLookup): Promise<void> {
    const { record, index } = item;
    const id = record === undefined ? item.issues.find((issue) => issue.id !== undefined)?.id : entityIdOf(entity, record);
    const state = this.tally.open(entity, index, id);
    for (const issue of item.issues) this.tally.report(state, fromValidationIssue(issue));
    if (record === undefined || id === undefined) {
      // Refused by validation: its ID (when readable) still counts as present, so references to
      // it are not reported a second time as dangling.
      if (id !== undefined) await this.addId(entity, id);
      this.tally.release(state);
      return;
    }
    if (!(await this.addId(entity, id))) {
      this.tally.report(state, {
        entity, id, index, field: idField(entity), code: 'DUPLICATE_ID', severity: 'error',
        message: `${recordLabel(entity, index, id)}: an earlier record of data/${entity}.json has the same ${idField(entity)}; every ${singular(entity)} must have its own`,
      });
      this.tally.release(state);
      return;
    }
    for (const reference of referencesOf(entity, record)) {
      if (this.read.has(reference.target)) this.checkReference(state, reference);
      else {
        this.tally.hold(state);
        this.deferred.push({ state, reference });
      }
    }
    this.checkEntitySpecific(entity, record, state);
    if (needsOwnerLookup(entity, this.options.remapIds, (record as { accountId?: string }).accountId)) await lookup.add(state, id);
    this.tally.release(state);
  }

  /** Adds the ID to its entity's set; false when it was there already. */
  private async addId(entity: EntityName, id: string): Promise<boolean> {
    const set = this.ids[entity];
    const added = set.add(id);
    if (set.needsSettle) await set.settle();
    return added;
  }

  private checkEntitySpecific<E extends EntityName>(entity: E, record: EntityRecordOf<E>, state: RecordState): void {
    this.checkItemSize(entity, record, state);
    if (entity === 'categories') {
      const category = record as EntityRecordOf<'categories'>;
      if (category.parentCategoryId !== undefined) this.categoryParents.set(category.categoryId, { state, parent: category.parentCategoryId });
      this.categoryRules.set(category.categoryId, new Set(category.rules.map((rule) => rule.ruleId)));
    } else if (entity === 'transaction_files') {
      this.checkTransactionFile(record as EntityRecordOf<'transaction_files'>, state);
    } else if (entity === 'transactions') {
      this.checkAssignmentRules(record as EntityRecordOf<'transactions'>, state);
    }
  }

  /** DynamoDB stores at most 400 KB per item: a record that would be larger is refused before any write. */
  private checkItemSize<E extends EntityName>(entity: E, record: EntityRecordOf<E>, state: RecordState): void {
    let size: number;
    try {
      size = itemSizeBytes(toItem(entity, record, this.options.userId));
    } catch {
      return; // not encodable: the record's own validation reports why
    }
    if (size <= MAX_ITEM_BYTES) return;
    this.tally.report(state, {
      entity, ...(state.id !== undefined ? { id: state.id } : {}), index: state.index, field: idField(entity), code: 'ITEM_TOO_LARGE', severity: 'error',
      message: `${recordLabel(entity, state.index, state.id)}: stored as a DynamoDB item it would be ${size} bytes; DynamoDB stores at most ${MAX_ITEM_BYTES} bytes (400 KB) per item`,
    });
  }

  private checkReference(state: RecordState, { field, target, id }: Reference): void {
    if (this.failed.has(target) || this.ids[target].has(id)) return;
    this.tally.report(state, {
      entity: state.entity, ...(state.id !== undefined ? { id: state.id } : {}), index: state.index, field, code: 'DANGLING_REFERENCE', severity: 'error',
      message: `${recordLabel(state.entity, state.index, state.id, field)}: names ${singular(target)} ${id}, which is not in the package; every reference must resolve inside the package, because a backup is restored on its own`,
    });
  }

  /** The original file is in the package (or declared missing), and its restored S3 key fits. */
  private checkTransactionFile(file: EntityRecordOf<'transaction_files'>, state: RecordState): void {
    const base = { entity: 'transaction_files' as const, id: file.fileId, index: state.index };
    const where = recordLabel('transaction_files', state.index, file.fileId);
    if (!this.files.has(file.fileId)) {
      const reason = this.declaredMissing.get(file.fileId);
      this.tally.report(
        state,
        reason === undefined
          ? { ...base, field: 'fileId', code: 'FILE_MISSING', severity: 'error', message: `${where}: the package has no original file for it (files/${file.fileId}/…) and its manifest does not declare it missing; the package is incomplete` }
          : { ...base, field: 'fileId', code: 'FILE_MISSING_DECLARED', severity: 'warning', message: `${where}: the original file ${JSON.stringify(file.fileName)} is not in the package (the export declared it missing: ${reason}); the record can be restored, its bytes cannot` },
      );
    }
    // The new fileId of a remapped import is a UUID too: the same length as the package's.
    const bytes = Buffer.byteLength(targetFileKey(this.options.userId, file.fileId, file.fileName), 'utf8');
    if (bytes > S3_KEY_MAX_BYTES) {
      this.tally.report(state, {
        ...base, field: 'fileName', code: 'S3_KEY_TOO_LONG', severity: 'error',
        message: `${where}: the restored file's S3 key ({userId}/{fileId}/{fileName}) would be ${bytes} bytes; S3 allows ${S3_KEY_MAX_BYTES}. Shorten the file name`,
      });
    }
  }

  /** An assignment's ruleId should be a rule of its category (a warning: HouseF3 keeps assignments of deleted rules). */
  private checkAssignmentRules(transaction: EntityRecordOf<'transactions'>, state: RecordState): void {
    if (this.failed.has('categories')) return;
    transaction.categories.forEach((assignment, i) => {
      const rules = this.categoryRules.get(assignment.categoryId);
      if (assignment.ruleId === undefined || rules === undefined || rules.has(assignment.ruleId)) return;
      const field = `categories[${i}].ruleId`;
      this.tally.report(state, {
        entity: 'transactions', id: transaction.transactionId, index: state.index, field, code: 'UNKNOWN_RULE', severity: 'warning',
        message: `${recordLabel('transactions', state.index, transaction.transactionId, field)}: rule ${assignment.ruleId} is not a rule of category ${assignment.categoryId} in the package; the assignment is restored as it is`,
      });
    });
  }

  /** Every original file belongs to a transaction file record. */
  private checkOrphanFiles(): void {
    for (const file of this.files.values()) {
      if (this.ids.transaction_files.has(file.fileId)) continue;
      this.tally.reportPackage({
        entity: 'package', id: file.fileId, field: file.path, code: 'FILE_ORPHAN', severity: 'error',
        message: `${file.path}: no transaction file record has fileId ${file.fileId}; every original file must belong to a record (the package was altered)`,
      });
    }
  }

  private checkCategoryCycles(): void {
    if (this.failed.has('categories')) return;
    const parents = new Map([...this.categoryParents].map(([id, { parent }]) => [id, parent]));
    for (const cycle of findCycles(parents)) {
      for (const [position, id] of cycle.entries()) {
        const { state } = this.categoryParents.get(id) as { state: RecordState };
        // the cycle from this member back to it; only the ids shown are copied (a cycle may have 20,000 members)
        const length = cycle.length + 1;
        const path = Array.from({ length: Math.min(length, ID_LIST_MAX + 1) }, (_, k) => cycle[(position + k) % cycle.length]);
        this.tally.report(state, {
          entity: 'categories', id, index: state.index, field: 'parentCategoryId', code: 'CATEGORY_CYCLE', severity: 'error',
          message: `${recordLabel('categories', state.index, id, 'parentCategoryId')}: the category is its own ancestor (${idList(path, ID_LIST_MAX, length)}); a category tree cannot have cycles`,
        });
      }
    }
  }
}
