import { Inject, Injectable } from '@nestjs/common';
import { EntityCountsV1 } from '@housef3/contracts';
import { ExportJob, ExportProgress, PlannedFile, StagedEntity, stagingPrefix } from '@housef3/jobs';
import { Account, EntityName, EntityRecordOf } from '@housef3/package-format';
import { PermanentError } from '@housef3/platform';
import { decodeStoredRecord, stageEntityText } from './record-codec';
import { closeSelection } from './selection';
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
  constructor(@Inject(UserDataReader) private readonly reader: UserDataReader, @Inject(StagingStore) private readonly staging: StagingStore) {}

  async collect(job: ExportJob, progress: ExportProgress, signal: AbortSignal): Promise<CollectResult> {
    const { userId, parameters: options } = job;
    const prefix = stagingPrefix(userId, job.exportId, job.attempt);
    const counts = zeroCounts();
    const entities: StagedEntity[] = [];
    const stage = async <E extends EntityName>(entity: E, records: AsyncIterable<EntityRecordOf<E>> | Iterable<EntityRecordOf<E>>) => {
      progress.current = entity;
      const stagingKey = `${prefix}data/${entity}.json`;
      let n = 0;
      const counted = (async function* () {
        for await (const r of records) {
          signal.throwIfAborted();
          n++;
          progress.recordsDone++;
          yield r;
        }
      })();
      const staged = await this.staging.put(stagingKey, stageEntityText(entity, counted), signal);
      counts[entity] = n;
      entities.push({ entity, stagingKey, records: n, bytes: staged.bytes, sha256: staged.sha256 });
    };

    const only = options.categoriesOnly === true;
    const small = {
      accounts: only ? [] : await this.load('accounts', userId, progress),
      files: only ? [] : await this.load('transaction_files', userId, progress),
      fileMaps: only ? [] : await this.load('file_maps', userId, progress),
    };
    const referencedFiles = new Set<string>();
    await stage('transactions', only ? [] : this.transactions(job, small.accounts, referencedFiles));
    const selection = closeSelection(options, small, referencedFiles);
    await stage('accounts', selection.accounts);
    await stage('file_maps', selection.fileMaps);
    await stage('transaction_files', selection.files);
    await stage('categories', this.decoded('categories', this.reader.all('categories', userId)));
    if (options.includeAnalytics && !only) {
      const accounts = new Set(selection.accounts.map((a) => a.accountId));
      const analytics = this.decoded('analytics', this.reader.all('analytics', userId));
      await stage('analytics', options.format === 'complete' || !options.accountIds ? analytics : filter(analytics, (a) => a.accountId !== undefined && accounts.has(a.accountId)));
    }
    if (options.format === 'complete' && options.includeUserState !== false) {
      for (const entity of USER_STATE_ENTITIES) await stage(entity, this.decoded(entity, this.reader.all(entity, userId)));
    }
    const files: PlannedFile[] = selection.files.map((f) => ({ fileId: f.fileId, fileName: f.fileName, s3Key: f.s3Key, size: f.fileSize }));
    return { entities, files, counts };
  }

  private async load<E extends 'accounts' | 'transaction_files' | 'file_maps'>(entity: E, userId: string, progress: ExportProgress): Promise<EntityRecordOf<E>[]> {
    progress.current = entity;
    const out: EntityRecordOf<E>[] = [];
    for await (const r of this.decoded(entity, this.reader.all(entity, userId))) out.push(r);
    return out;
  }

  /** The transactions the options select, noting the files they reference. */
  private async *transactions(job: ExportJob, accounts: Account[], referencedFiles: Set<string>): AsyncGenerator<EntityRecordOf<'transactions'>> {
    const { userId, parameters: o } = job;
    let items: AsyncIterable<Item>;
    if (o.accountIds) {
      const chosen = o.accountIds.filter((id) => accounts.some((a) => a.accountId === id));
      const reader = this.reader;
      items = (async function* () {
        for (const accountId of chosen) yield* reader.transactionsOfAccount(userId, accountId, o.dateRange);
      })();
    } else if (o.dateRange) {
      items = this.reader.transactionsBetween(userId, o.dateRange.from, o.dateRange.to);
    } else {
      items = this.reader.all('transactions', userId);
    }
    for await (const t of this.decoded('transactions', items)) {
      referencedFiles.add(t.fileId);
      yield t;
    }
  }

  private async *decoded<E extends EntityName>(entity: E, items: AsyncIterable<Item>): AsyncGenerator<EntityRecordOf<E>> {
    for await (const item of items) {
      const { record, problems } = decodeStoredRecord(entity, item);
      if (!record) {
        throw new PermanentError('EXPORT_INVALID_RECORD',
          `a stored ${entity} record cannot be exported as it is: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
      }
      yield record;
    }
  }
}

async function* filter<T>(source: AsyncIterable<T>, keep: (t: T) => boolean): AsyncGenerator<T> {
  for await (const t of source) if (keep(t)) yield t;
}
