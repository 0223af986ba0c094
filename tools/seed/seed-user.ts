import { Item, toItem } from '@housef3/data-model';
import { EntityName, EntityRecordOf, Transaction, analyticsKey } from '@housef3/package-format';
import { batchWriteAll } from '@housef3/platform';
import {
  FilePlan,
  SeedOptions,
  SeedPlan,
  SpecialCase,
  accountRecords,
  analyticsRecords,
  fileMapRecords,
  planSeed,
  s3KeyOf,
  statementRows,
  transactionFileRecord,
  transactionOf,
  userStateRecords,
} from './generate';
import { SeedClients, SeedNames } from './seed-target';
import { uploadFile } from './upload-file';

/** What seedUser wrote. */
export interface SeedSummary {
  userId: string;
  seed: string;
  awkward: boolean;
  /** Records written per entity. */
  counts: { [E in EntityName]: number };
  /** Transactions written with status `duplicate`. */
  duplicates: number;
  /** Bytes written to the file-storage bucket. */
  bytes: number;
  files: SeededFile[];
  /** IDs written (transactions: see transactionIdOf, or the files' counts; the awkward ones below). */
  ids: { accounts: string[]; categories: string[]; fileMaps: string[]; files: string[]; analytics: string[] };
  /** The awkward mode's cases, by name; absent without --awkward. */
  awkwardCases?: AwkwardCases;
  elapsedMs: number;
}

export interface SeededFile {
  fileId: string;
  fileName: string;
  s3Key: string;
  bytes: number;
  transactions: number;
}

export interface AwkwardCases {
  /** Transaction ID of each special line (zero amount, trailing zero, hash above 2^63, ...). */
  transactions: { [C in SpecialCase]: string };
  /** The hash above 2^63, exact. */
  largeHash: bigint;
  emptyFileId: string;
  largeFileId: string;
  /** Files with non-ASCII names. */
  unicodeFileIds: string[];
}

export interface SeedWriteOptions extends SeedOptions {
  /** BatchWriteItem calls in flight (default 8). */
  concurrency?: number;
  /** Called as transactions are written: (written, total). */
  onProgress?: (written: number, total: number) => void;
}

/**
 * Writes a realistic HouseF3 user straight into HouseF3's tables and file bucket, the way HouseF3
 * stores them (attribute types through @housef3/data-model's toItem; statement bytes with
 * `x-amz-meta-fileid`). Deterministic for a user and seed; re-running overwrites the same records.
 * Memory stays flat with the number of transactions: they are generated per file and streamed
 * through batchWriteAll while the statement bytes stream into S3.
 */
export async function seedUser(clients: SeedClients, names: SeedNames, options: SeedWriteOptions): Promise<SeedSummary> {
  const started = Date.now();
  const plan = planSeed(options);
  const { userId } = plan.options;
  const concurrency = options.concurrency ?? 8;
  const write = <E extends EntityName>(entity: E, table: string, records: readonly EntityRecordOf<E>[]) =>
    batchWriteAll(clients.dynamo, table, records.map((record) => toItem(entity, record, userId)), { concurrency });

  const categories = plan.categories;
  const fileMaps = fileMapRecords(plan);
  const accounts = accountRecords(plan);
  await write('categories', names.tables.categories, categories);
  await write('file_maps', names.tables.fileMaps, fileMaps);
  await write('accounts', names.tables.accounts, accounts);

  const tally = new TransactionTally(plan);
  const total = plan.files.reduce((sum, file) => sum + file.rows, 0);
  const [uploaded] = await Promise.all([
    uploadAll(clients, names, plan),
    batchWriteAll(clients.dynamo, names.tables.transactions, tally.items(), {
      concurrency,
      onProgress: options.onProgress && ((written) => options.onProgress?.(written, total)),
    }),
  ]);

  const fileRecords = plan.files.map((file) => transactionFileRecord(plan, file));
  await write('transaction_files', names.tables.transactionFiles, fileRecords);
  const analytics = analyticsRecords(plan);
  await write('analytics', names.tables.analyticsData, analytics);
  const state = userStateRecords(plan);
  await write('user_preferences', names.tables.userPreferences, state.preferences);
  await write('recurring_charge_patterns', names.tables.recurringChargePatterns, state.patterns);
  await write('recurring_charge_predictions', names.tables.recurringChargePredictions, state.predictions);
  await write('pattern_feedback', names.tables.patternFeedback, state.feedback);

  return {
    userId,
    seed: plan.options.seed,
    awkward: plan.options.awkward,
    counts: {
      categories: categories.length, file_maps: fileMaps.length, accounts: accounts.length, transaction_files: fileRecords.length,
      transactions: tally.count, analytics: analytics.length, user_preferences: state.preferences.length, recurring_charge_patterns: state.patterns.length,
      recurring_charge_predictions: state.predictions.length, pattern_feedback: state.feedback.length,
    },
    duplicates: tally.duplicates,
    bytes: uploaded.reduce((sum, file) => sum + file.bytes, 0),
    files: uploaded,
    ids: {
      accounts: accounts.map((a) => a.accountId), categories: categories.map((c) => c.categoryId), fileMaps: fileMaps.map((m) => m.fileMapId),
      files: fileRecords.map((f) => f.fileId), analytics: analytics.map(analyticsKey),
    },
    awkwardCases: plan.options.awkward ? tally.awkwardCases() : undefined,
    elapsedMs: Date.now() - started,
  };
}

async function uploadAll(clients: SeedClients, names: SeedNames, plan: SeedPlan): Promise<SeededFile[]> {
  const files: SeededFile[] = [];
  // One upload at a time: S3 is not the bottleneck, and memory stays at one upload's buffer.
  for (const file of plan.files) {
    const bytes = await uploadFile(clients.s3, names.fileStorageBucket, plan, file);
    files.push({ fileId: file.fileId, fileName: file.fileName, s3Key: s3KeyOf(plan.options.userId, file), bytes, transactions: file.rows });
  }
  return files;
}

/** Every file's transactions as items, counted on the way (duplicates, the awkward lines). */
class TransactionTally {
  count = 0;
  duplicates = 0;
  private readonly specials = new Map<SpecialCase, Transaction>();

  constructor(private readonly plan: SeedPlan) {}

  *items(): Generator<Item> {
    for (const file of this.plan.files) {
      for (const row of statementRows(this.plan, file)) {
        const transaction = transactionOf(this.plan, file, row);
        this.count++;
        if (transaction.status === 'duplicate') this.duplicates++;
        if (row.special !== undefined) this.specials.set(row.special, transaction);
        yield toItem('transactions', transaction, this.plan.options.userId);
      }
    }
  }

  awkwardCases(): AwkwardCases {
    const transactions = Object.fromEntries([...this.specials].map(([special, transaction]) => [special, transaction.transactionId])) as AwkwardCases['transactions'];
    const byKind = (kind: FilePlan['kind']) => this.plan.files.find((file) => file.kind === kind)?.fileId as string;
    return {
      transactions,
      largeHash: this.specials.get('hash-above-2^63')?.transactionHash as bigint,
      emptyFileId: byKind('empty'),
      largeFileId: byKind('large'),
      // eslint-disable-next-line no-control-regex
      unicodeFileIds: this.plan.files.filter((file) => /[^\u0000-\u007f]/.test(file.fileName)).map((file) => file.fileId),
    };
  }
}
