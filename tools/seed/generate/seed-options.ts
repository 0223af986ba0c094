import { USER_ID_MAX_LENGTH } from '@housef3/package-format';

/** What to seed. */
export interface SeedOptions {
  /** The HouseF3 user (Cognito sub) who owns everything written. */
  userId: string;
  /** Transactions spread over the statement files (default 500). */
  transactions?: number;
  /** Statement files (CSV and OFX) spread over the accounts that have statements (default 6). */
  files?: number;
  /** Add the hard cases an export test needs (see docs/seed.md). */
  awkward?: boolean;
  /** Seed of the content (default: the user ID). IDs also depend on the user, so two users never share a record ID. */
  seed?: string;
}

export type ResolvedSeedOptions = Required<SeedOptions>;

export const DEFAULT_TRANSACTIONS = 500;
export const DEFAULT_FILES = 6;
export const MAX_TRANSACTIONS = 2_000_000;
export const MAX_FILES = 1_000;

/** Options with defaults applied; throws a RangeError listing every invalid option. */
export function resolveSeedOptions(options: SeedOptions): ResolvedSeedOptions {
  const resolved: ResolvedSeedOptions = {
    userId: options.userId,
    transactions: options.transactions ?? DEFAULT_TRANSACTIONS,
    files: options.files ?? DEFAULT_FILES,
    awkward: options.awkward ?? false,
    seed: options.seed ?? options.userId,
  };
  const problems: string[] = [];
  if (typeof resolved.userId !== 'string' || resolved.userId.length === 0 || resolved.userId.length > USER_ID_MAX_LENGTH) {
    problems.push(`user must be a non-empty ID of at most ${USER_ID_MAX_LENGTH} characters`);
  }
  if (!Number.isInteger(resolved.transactions) || resolved.transactions < 0 || resolved.transactions > MAX_TRANSACTIONS) {
    problems.push(`transactions must be a whole number from 0 to ${MAX_TRANSACTIONS}, got ${resolved.transactions}`);
  }
  if (!Number.isInteger(resolved.files) || resolved.files < 1 || resolved.files > MAX_FILES) {
    problems.push(`files must be a whole number from 1 to ${MAX_FILES}, got ${resolved.files}`);
  }
  if (resolved.seed.length === 0) problems.push('seed must not be empty');
  if (problems.length > 0) throw new RangeError(`invalid seed options: ${problems.join('; ')}`);
  return resolved;
}
