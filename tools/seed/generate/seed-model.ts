import type { Category, CategoryType, Currency, FileFormat, TransactionStatus } from '@housef3/package-format';
import type { ResolvedSeedOptions } from './seed-options';
import type { AccountTemplate, MerchantTemplate } from './vocabulary';

/** 2024-01-01T00:00:00Z: every seeded timeline starts here, so re-runs write identical records. */
export const SEED_EPOCH_MS = 1_704_067_200_000;
export const DAY_MS = 86_400_000;
/** The awkward mode's big statement: 20 MiB. */
export const LARGE_FILE_BYTES = 20 * 1024 * 1024;

/** Where every generated value comes from. */
export interface SeedKeys {
  /** Content (amounts, merchants, dates): from the seed alone. */
  readonly content: string;
  /** Record IDs: from the seed and the user, so two users never share an ID (tables are keyed by ID). */
  readonly ids: string;
}

export interface AccountPlan {
  readonly template: AccountTemplate;
  readonly accountId: string;
  /** The account's CSV file map, when it has CSV statements. */
  readonly fileMapId?: string;
}

/** A statement (CSV/OFX lines = transactions), or one of the awkward mode's files: zero bytes, 20 MiB PDF. */
export type FileKind = 'statement' | 'empty' | 'large';

/** Balances, counts, dates and size of a file, found by generating it once (seed-plan.ts). */
export interface FileStats {
  /** Lines in the statement = transactions written for the file. */
  rows: number;
  duplicates: number;
  openingMinor: bigint;
  closingMinor: bigint;
  incomeMinor: bigint;
  expenseMinor: bigint;
  firstDate?: number;
  lastDate?: number;
  /** Byte length of the statement file. */
  bytes: number;
}

export interface FilePlan {
  readonly index: number;
  readonly kind: FileKind;
  readonly fileId: string;
  readonly fileName: string;
  readonly format: Extract<FileFormat, 'csv' | 'ofx' | 'pdf'>;
  readonly account: AccountPlan;
  readonly currency?: Currency;
  /** Transactions of the file (statement files only). */
  readonly rows: number;
  /** First day of the statement period (epoch ms, midnight UTC) and its length in days. */
  readonly firstDay: number;
  readonly days: number;
  readonly uploadDate: number;
  readonly processedDate: number;
  /** Balance before the first line, in minor units (the previous file's closing balance). */
  readonly openingMinor: bigint;
  /** The awkward mode's special lines open this file. */
  readonly specials: boolean;
  stats: FileStats;
}

export interface SeedPlan {
  readonly options: ResolvedSeedOptions;
  readonly keys: SeedKeys;
  readonly accounts: readonly AccountPlan[];
  /** Categories, parents first. */
  readonly categories: readonly Category[];
  /** Category by its path in the vocabulary (`Living/Groceries/Supermarkets`). */
  readonly categoryByPath: ReadonlyMap<string, Category>;
  /** Paths of the categories without children, by type (manual assignments pick among them). */
  readonly leafCategoryPaths: ReadonlyMap<CategoryType, readonly string[]>;
  readonly files: readonly FilePlan[];
}

/** How a line's category was assigned (HouseF3's three ways, and none). */
export type AssignmentKind = 'none' | 'suggested' | 'confirmed' | 'manual' | 'suggested+manual';

/** One statement line: the very values of the transaction written for it. */
export interface StatementRow {
  /** Position in the file, 0-based (importOrder is row + 1). */
  readonly row: number;
  readonly date: number;
  readonly description: string;
  /** Decimal string as written in the record ("-12.30", "0"). */
  readonly amount: string;
  readonly amountMinor: bigint;
  /** Running balance after the line. */
  readonly balance: string;
  readonly transactionType: string;
  readonly memo?: string;
  readonly checkNumber?: string;
  /** OFX lines only. */
  readonly fitId?: string;
  /** `duplicate` when an earlier line of the account hashes the same (same date, amount, description), as HouseF3 marks it. */
  readonly status: TransactionStatus;
  readonly merchant?: MerchantTemplate;
  readonly assignment: AssignmentKind;
  /** Category path a manual assignment chose (another leaf of the same type). */
  readonly manualCategory?: string;
  /** ms after import when the user confirmed. */
  readonly confirmDelayMs: number;
  /** The awkward case this line is, if any. */
  readonly special?: SpecialCase;
}

/** The awkward mode's special lines. */
export type SpecialCase =
  | 'zero-amount'
  | 'unicode-quotes'
  | 'trailing-zero'
  | 'tab-in-description'
  | 'hash-above-2^63'
  | 'duplicate-of-large-hash'
  | 'big-refund';
