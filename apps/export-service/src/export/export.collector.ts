import { Inject, Injectable } from '@nestjs/common';
import { EntityCountsV1 } from '@housef3/contracts';
import { closeSelection, ExportJob, ExportProgress, PlannedFile, Selection, StagedEntity, stagingPrefix } from '@housef3/jobs';
import { Account, EntityName, EntityRecordOf, frameEntityFile } from '@housef3/package-format';
import { PermanentError } from '@housef3/platform';
import { EncodedTransactions, PageEncoder } from './encoding/page-encoder';
import { decodeStoredRecord, invalidRecordMessage, stageEntityText } from './encoding/record-codec';
import { StagingStore } from './staging.store';
import { Item, UserDataReader } from './user-data.reader';
import { zeroCounts } from './zero-counts';

/** The format 1.2 entities: whole-user exports only (patterns reference transactions). */
const USER_STATE_ENTITIES = ['user_preferences', 'recurring_charge_patterns', 'recurring_charge_predictions', 'pattern_feedback'] as const;

export interface CollectResult {
  entities: StagedEntity[];
  files: PlannedFile[];
  counts: EntityCountsV1;
}

/**
 * Reads a user's data from DynamoDB and stages each entity as its package entry (`data/<entity>.json`
 * text) in S3. Transactions stream through; only the small entities (accounts, files, file maps:
 * a few hundred records) are held, to close a selective export over its references.
 */
@Injectable()
export class ExportCollector {
  constructor(
    @Inject(UserDataReader) private readonly reader: UserDataReader,
    @Inject(StagingStore) private readonly staging: StagingStore,
    @Inject(PageEncoder) private readonly encoder: PageEncoder,
  ) {}

  async collect(job: ExportJob, progress: ExportProgress, signal: AbortSignal): Promise<CollectResult> {
    const { userId, parameters: options } = job;
    const prefix = stagingPrefix(userId, job.exportId, job.attempt);
    const counts = zeroCounts();
    const staged = new Map<EntityName, StagedEntity>();
    // One failing stage stops the others (they run in parallel); the runner's abort stops them all.
    const local = new AbortController();
    const stopAll = () => local.abort(signal.reason);
    signal.addEventListener('abort', stopAll, { once: true });
    let choose!: (s: Selection) => void;
    let drop!: (e: unknown) => void;
    const selected = new Promise<Selection>((res, rej) => {
      choose = res;
      drop = rej;
    });
    selected.catch(() => undefined);
    // Each entity is staged as its package entry, compressed as the package holds it (the
    // file-service copies the bytes), except transaction_files, which it reads record by record.
    const stage = async <E extends EntityName>(entity: E, records: AsyncIterable<EntityRecordOf<E>> | Iterable<EntityRecordOf<E>>) => {
      progress.current = entity;
      const stagingKey = `${prefix}data/${entity}.json`;
      let n = 0;
      const counted = (async function* () {
        for await (const r of records) {
          local.signal.throwIfAborted();
          n++;
          progress.recordsDone++;
          yield r;
        }
      })();
      const text = stageEntityText(entity, counted);
      const result = entity === 'transaction_files' ? await this.staging.put(stagingKey, text, local.signal) : await this.staging.putDeflated(stagingKey, text, local.signal);
      counts[entity] = n;
      staged.set(entity, { entity, stagingKey, records: n, ...result });
    };
    // The transactions arrive as pages already encoded (PageEncoder), put together in order.
    const stageTransactions = async (pages: AsyncIterable<EncodedTransactions>) => {
      progress.current = 'transactions';
      const stagingKey = `${prefix}data/transactions.json`;
      let n = 0;
      const counted = (async function* () {
        for await (const page of pages) {
          local.signal.throwIfAborted();
          n += page.count;
          progress.recordsDone += page.count;
          yield page;
        }
      })();
      const result = await this.staging.putDeflated(stagingKey, frameEntityFile('transactions', counted), local.signal);
      counts.transactions = n;
      staged.set('transactions', { entity: 'transactions', stagingKey, records: n, ...result });
    };

    const only = options.categoriesOnly === true;
    // Categories and analytics do not depend on the selection: staged while the transactions are.
    const independent = Promise.all([
      stage('categories', this.decoded('categories', this.reader.all('categories', userId))),
      (async () => {
        if (!options.includeAnalytics || only) return;
        const analytics = this.decoded('analytics', this.reader.all('analytics', userId));
        if (options.format === 'complete' || !options.accountIds) return stage('analytics', analytics);
        const accounts = new Set((await selected).accounts.map((a) => a.accountId));
        return stage('analytics', filter(analytics, (a) => a.accountId !== undefined && accounts.has(a.accountId)));
      })(),
      // the user's own state (format 1.2 entities): whole-user exports only, since patterns reference transactions
      (async () => {
        if (options.format !== 'complete' || options.includeUserState === false || only) return;
        for (const entity of USER_STATE_ENTITIES) await stage(entity, this.decoded(entity, this.reader.all(entity, userId)));
      })(),
    ]);
    independent.catch((e) => local.abort(e));
    try {
      const [accounts, files, fileMaps] = only ? [[], [], []] : await Promise.all([
        this.load('accounts', userId, progress), this.load('transaction_files', userId, progress), this.load('file_maps', userId, progress),
      ]);
      const small = { accounts, files, fileMaps };
      const referencedFiles = new Set<string>();
      await stageTransactions(only ? noPages() : this.transactions(job, small.accounts, referencedFiles));
      const selection = closeSelection(options, small, referencedFiles);
      choose(selection);
      await Promise.all([stage('accounts', selection.accounts), stage('file_maps', selection.fileMaps), stage('transaction_files', selection.files)]);
      await independent;
      const planned: PlannedFile[] = selection.files.map((f) => ({ fileId: f.fileId, fileName: f.fileName, s3Key: f.s3Key, size: f.fileSize }));
      const entities = STAGE_ORDER.flatMap((e) => (staged.has(e) ? [staged.get(e)!] : []));
      return { entities, files: planned, counts };
    } catch (e) {
      // A parallel stage's failure stops this path with that failure as the reason: report it, not the abort.
      const first = local.signal.aborted && !signal.aborted ? local.signal.reason : e;
      local.abort(first);
      drop(first);
      await independent.catch(() => undefined);
      throw first;
    } finally {
      signal.removeEventListener('abort', stopAll);
    }
  }

  private async load<E extends 'accounts' | 'transaction_files' | 'file_maps'>(entity: E, userId: string, progress: ExportProgress): Promise<EntityRecordOf<E>[]> {
    progress.current = entity;
    const out: EntityRecordOf<E>[] = [];
    for await (const r of this.decoded(entity, this.reader.all(entity, userId))) out.push(r);
    return out;
  }

  /** The transactions the options select, a page at a time as package text, noting the files they reference. */
  private async *transactions(job: ExportJob, accounts: Account[], referencedFiles: Set<string>): AsyncGenerator<EncodedTransactions> {
    const { userId, parameters: o } = job;
    const chosen = o.accountIds?.filter((id) => accounts.some((a) => a.accountId === id));
    const selection = { ...(chosen && { accountIds: chosen }), ...(o.dateRange && { dateRange: o.dateRange }) };
    for await (const page of this.reader.transactionPages(userId, selection, job.estimate.records, (body) => this.encoder.encode(body, userId))) {
      for (const fileId of page.fileIds) referencedFiles.add(fileId);
      yield page;
    }
  }

  private async *decoded<E extends EntityName>(entity: E, items: AsyncIterable<Item>): AsyncGenerator<EntityRecordOf<E>> {
    for await (const item of items) {
      const { record, problems } = decodeStoredRecord(entity, item);
      if (!record) {
        throw new PermanentError('EXPORT_INVALID_RECORD', invalidRecordMessage(entity, problems));
      }
      yield record;
    }
  }
}

/** The plan lists the entries in the order they were staged before collection ran in parallel. */
const STAGE_ORDER: readonly EntityName[] = ['transactions', 'accounts', 'file_maps', 'transaction_files', 'categories', 'analytics', ...USER_STATE_ENTITIES];

async function* filter<T>(source: AsyncIterable<T>, keep: (t: T) => boolean): AsyncGenerator<T> {
  for await (const t of source) if (keep(t)) yield t;
}

/** The transactions of a categories-only export: none (the entry is still written, empty). */
async function* noPages(): AsyncGenerator<EncodedTransactions> {
  yield* [];
}
