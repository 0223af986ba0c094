import { AttributeValue, DynamoDBClient, TransactionCanceledException, TransactWriteItem, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { MergeStrategy } from '@housef3/contracts';
import { Item, itemSizeBytes, TableNames } from '@housef3/data-model';
import { WriteCounts } from '@housef3/jobs';
import { EntityName, normalizeDecimal } from '@housef3/package-format';
import { batchGetAll, PermanentError, TransientError, withRetry } from '@housef3/platform';
import { entityTable, hashKeyName, keyOfItem } from './entity-keys';
import { LeaseLost } from './import.saga';
import { ChunkJournal, JournalStore } from './journal.store';

type AV = Record<string, AttributeValue>;
const keyString = (k: AV) => JSON.stringify(k);
/** A key as a person reads it: its values joined with '/' (a record's id; userId/id for tables keyed by user). */
const keyLabel = (k: AV) => Object.values(k).map((v) => v.S ?? v.N ?? '?').join('/');

export interface ChunkContext {
  userId: string;
  importId: string;
  step: string;
  chunk: number;
  strategy: MergeStrategy;
  /**
   * the import remaps ids: every key was minted for this import (newIdFor of the import id), so
   * nothing but this import can have written it. The chunk's journal is then known without
   * reading the table (every key created), and the conditional puts still refuse to touch any item
   * that is not the importing user's.
   */
  remapIds: boolean;
  /**
   * a ConditionCheck on the job item (lease owner and status): every transaction carries it, so a
   * worker that lost its lease writes nothing. The saga always passes one; `null` (no lease to
   * fence on: 25 writes a transaction) exists so tools/bench/fencing.bench.ts can measure what the
   * fence costs on this very code path.
   */
  fence: TransactWriteItem | null;
}

/** Items per TransactWriteItems (DynamoDB's limit): the fence first, when there is one, then the writes. */
const ITEMS_PER_TRANSACTION = 100;
/** Bytes of the items of one transaction: DynamoDB allows 4 MB; the rest is room for names, conditions and the fence. */
const BYTES_PER_TRANSACTION = 3.5 * 1024 * 1024;

/**
 * `items` in order, cut into transactions of at most `maxItems` items and BYTES_PER_TRANSACTION
 * bytes. Fewer, larger transactions: one round trip writes up to 99 records (25 at a time made
 * the transactions step four times as many calls, one after another).
 */
export function transactionBatches<T>(items: readonly T[], maxItems: number, sizeOf: (item: T) => number): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (batch.length && (batch.length === maxItems || bytes + size > BYTES_PER_TRANSACTION)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(item);
    bytes += size;
  }
  if (batch.length) batches.push(batch);
  return batches;
}

const writeSize = (w: TransactWriteItem) => (w.Put ? itemSizeBytes(w.Put.Item as Item) : w.Delete ? itemSizeBytes(w.Delete.Key as Item) : 0);

/**
 * Writes one chunk of one entity as HouseF3 stores it. First the journal (what will be created,
 * the prior version of what will be overwritten, what is skipped), then conditional transactional
 * writes: an item is only created where none exists, only overwritten where it is the importing
 * user's. So no record of another user is ever written, even in a race with validation.
 * Re-running a chunk (after a crash) reuses its journal, so it is idempotent.
 */
export class ChunkWriter {
  constructor(private readonly dynamo: DynamoDBClient, private readonly tables: TableNames, private readonly journals: JournalStore) {}

  async write(entity: EntityName, items: Item[], ctx: ChunkContext): Promise<WriteCounts & { written: Item[] }> {
    const table = this.tables[entityTable(entity)];
    let journal = ctx.remapIds ? undefined : await this.journals.get(ctx.userId, ctx.importId, ctx.step, ctx.chunk);
    if (!journal) {
      journal = ctx.remapIds ? { step: ctx.step, chunk: ctx.chunk, created: items.map((i) => keyOfItem(entity, i as AV)), overwritten: [], skipped: [] } : await this.plan(entity, table, items, ctx);
      // only if absent: a second worker that raced this one to the same chunk keeps the first
      // journal (under remapIds a re-run's journal is the same, so no read is needed first)
      journal = await this.journals.putIfAbsent(ctx.userId, ctx.importId, journal);
    }
    const created = new Set(journal.created.map(keyString));
    const skipped = new Set(journal.skipped.map(keyString));
    const writes = (items as AV[]).filter((i) => !skipped.has(keyString(keyOfItem(entity, i)))) as Item[];
    const hash = hashKeyName(entity);
    const fence = ctx.fence ? [ctx.fence] : [];
    const puts: TransactWriteItem[] = (writes as AV[]).map((item) => ({
      Put: {
        TableName: table, Item: item,
        // new: nobody's yet, or ours from an earlier run of this chunk; existing: ours only
        ConditionExpression: created.has(keyString(keyOfItem(entity, item))) ? `attribute_not_exists(#h) OR userId = :me` : 'userId = :me',
        ExpressionAttributeNames: created.has(keyString(keyOfItem(entity, item))) ? { '#h': hash } : undefined,
        ExpressionAttributeValues: { ':me': { S: ctx.userId } },
      },
    }));
    for (const batch of transactionBatches(puts, ITEMS_PER_TRANSACTION - fence.length, writeSize)) {
      await this.transact([...fence, ...batch], entity, { fenced: fence.length > 0 });
    }
    return { created: journal.created.length, updated: journal.overwritten.length, skipped: journal.skipped.length, written: writes };
  }

  /** The journal of a chunk whose ids may exist already: a consistent read of its keys decides created, overwritten or skipped under the strategy. */
  private async plan(entity: EntityName, table: string, items: Item[], ctx: ChunkContext): Promise<ChunkJournal> {
    const existing = await this.fetch(table, items.map((i) => keyOfItem(entity, i as AV)));
    const journal: ChunkJournal = { step: ctx.step, chunk: ctx.chunk, created: [], overwritten: [], skipped: [] };
    for (const item of items as AV[]) {
      const key = keyOfItem(entity, item);
      const prior = existing.get(keyString(key));
      if (!prior) journal.created.push(key);
      else if (prior.userId?.S !== ctx.userId) throw new PermanentError('ID_OWNED_BY_ANOTHER_USER', `a ${entity} record with this id belongs to another user; import with remapIds`);
      else if (ctx.strategy === 'skip_existing') journal.skipped.push(key);
      else if (ctx.strategy === 'overwrite') journal.overwritten.push(prior);
      else throw new PermanentError('CONFLICT', `${entity} ${Object.values(key)[0]?.S} already exists (mergeStrategy fail_on_conflict)`);
    }
    return journal;
  }

  /**
   * Reads back what a chunk wrote (consistent reads) and compares it with what was written: every
   * attribute, numbers by value (DynamoDB normalizes them). Returns one line per record that is
   * missing or differs.
   */
  async verify(entity: EntityName, written: readonly Item[]): Promise<string[]> {
    if (!written.length) return [];
    const keys = written.map((i) => keyOfItem(entity, i as AV));
    const stored = await this.fetch(this.tables[entityTable(entity)], keys);
    const problems: string[] = [];
    written.forEach((item, i) => {
      const got = stored.get(keyString(keys[i]!));
      if (!got || !sameItem(item, got)) problems.push(`${entity} ${JSON.stringify(keyLabel(keys[i]!))} ${got ? 'differs from the package' : 'is missing'}`);
    });
    return problems;
  }

  /**
   * Undoes one journaled chunk, fenced like the writes: deletes what it created (only where still
   * ours), puts back what it overwrote. Idempotent: a second run deletes nothing more and puts the
   * same prior versions.
   */
  async undo(entity: EntityName, journal: ChunkJournal, userId: string, fence: TransactWriteItem): Promise<{ deleted: number; restored: number }> {
    const table = this.tables[entityTable(entity)];
    const undo: TransactWriteItem[] = [
      ...journal.created.map((Key) => ({
        Delete: { TableName: table, Key, ConditionExpression: 'attribute_not_exists(userId) OR userId = :me', ExpressionAttributeValues: { ':me': { S: userId } } },
      })),
      ...journal.overwritten.map((Item) => ({ Put: { TableName: table, Item } })),
    ];
    for (let batch of transactionBatches(undo, ITEMS_PER_TRANSACTION - 1, writeSize)) {
      // a created key that now holds another user's record (it cannot, ids are checked; but never delete theirs) is left alone
      while (batch.length) {
        const refused = await this.transact([fence, ...batch], entity, { fenced: true, tolerateItemConditions: true });
        if (!refused.length) break;
        batch = batch.filter((_, j) => !refused.includes(j + 1));
      }
    }
    return { deleted: journal.created.length, restored: journal.overwritten.length };
  }

  /** The stored items of `keys`, by key (consistent reads; for journaling and verification). */
  async fetch(table: string, keys: AV[]): Promise<Map<string, AV>> {
    const names = Object.keys(keys[0] ?? {});
    const items = await batchGetAll(this.dynamo, table, keys, { consistent: true });
    return new Map(items.map((item) => [keyString(Object.fromEntries(names.map((n) => [n, item[n]]))), item]));
  }

  /**
   * One TransactWriteItems whose first item is the fence when `fenced`. A cancelled fence is a lost lease; a
   * cancelled write condition is a conflict (or, with `tolerateItemConditions`, the indexes of the
   * refused items are returned). Transaction conflicts and throttling are retried under the policy,
   * then surface as transient (the saga resumes from its checkpoint).
   */
  private async transact(items: TransactWriteItem[], entity: EntityName, opts: { fenced: boolean; tolerateItemConditions?: boolean }): Promise<number[]> {
    return withRetry(async () => {
      try {
        await this.dynamo.send(new TransactWriteItemsCommand({ TransactItems: items }));
        return [];
      } catch (e) {
        if (!(e instanceof TransactionCanceledException)) throw e;
        const reasons = e.CancellationReasons ?? [];
        if (opts.fenced && reasons[0]?.Code === 'ConditionalCheckFailed') throw new LeaseLost('the job lease moved on: write fenced off');
        const refused = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
        if (refused.length) {
          if (opts.tolerateItemConditions) return refused;
          throw new PermanentError('WRITE_CONFLICT', `a ${entity} record changed owner or appeared while importing; nothing of another user was written`);
        }
        throw new TransientError(`transactional write of ${entity} cancelled: ${reasons.map((r) => r.Code).join(',')}`, { cause: e });
      }
    }, { attempts: 4, baseDelayMs: 50, maxDelayMs: 1000 });
  }
}

/** Two items are the same record: same attributes, strings and booleans equal, numbers equal by value (-0 = 0). */
export function sameItem(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  const av = a as Record<string, unknown>;
  const bv = b as Record<string, unknown>;
  if ('N' in av && 'N' in bv) return num(av.N as string) === num(bv.N as string);
  const ak = Object.keys(av).sort();
  const bk = Object.keys(bv).sort();
  if (ak.length !== bk.length || ak.some((k, i) => k !== bk[i])) return false;
  return ak.every((k) => sameItem(av[k], bv[k]));
}

const num = (n: string) => {
  const v = normalizeDecimal(n);
  return v === '-0' ? '0' : v;
};

export { keyString };
