import { PackageError } from '../errors';
import type { PackageLimits } from '../limits';

/**
 * The bytes a package may unpack to, all entries together: `maxExpansionRatio` times the
 * package's own size, and never less than `expansionFloorBytes` (a small package may hold a
 * few MiB of very compressible JSON).
 */
export function expansionAllowance(limits: Pick<PackageLimits, 'maxExpansionRatio' | 'expansionFloorBytes'>, packageBytes: number): number {
  return Math.max(limits.maxExpansionRatio * packageBytes, limits.expansionFloorBytes);
}

/** The message and details of LIMIT_EXPANSION, shared by the central directory check and the budget. */
export function expansionError(unpacked: number, packageBytes: number, ratio: number, limit: number, what: 'would unpack to' | 'has unpacked more than'): PackageError {
  const times = packageBytes > 0 ? Math.round(unpacked / packageBytes) : unpacked;
  return new PackageError(
    'LIMIT_EXPANSION',
    `the package ${what} ${unpacked} bytes, ${times} times its ${packageBytes} bytes; the limit is ${ratio} times (maxExpansionRatio, never less than expansionFloorBytes): ${limit} bytes for this package. This is how amplification bombs of many small entries look`,
    { details: { unpacked, packageBytes, limit, ratio } },
  );
}

/**
 * Counts the bytes actually inflated from one opened package, across all its entries, and fails
 * the read that passes the allowance: declared sizes are checked on the central directory, this
 * makes sure no entry read can get around them. An entry read more than once counts once (the
 * most any read of it delivered), so reading a sound package twice never trips it.
 */
export class ExpansionBudget {
  private readonly counted = new Map<string, number>();
  private total = 0;

  constructor(private readonly budget: { readonly limit: number; readonly packageBytes: number; readonly ratio: number }) {}

  static of(limits: PackageLimits, packageBytes: number): ExpansionBudget {
    return new ExpansionBudget({ limit: expansionAllowance(limits, packageBytes), packageBytes, ratio: limits.maxExpansionRatio });
  }

  /** Records that a read of `entry` has delivered `bytes` so far; throws LIMIT_EXPANSION past the allowance. */
  advance(entry: string, bytes: number): void {
    const before = this.counted.get(entry) ?? 0;
    if (bytes <= before) return;
    this.counted.set(entry, bytes);
    this.total += bytes - before;
    if (this.total > this.budget.limit) {
      const error = expansionError(this.total, this.budget.packageBytes, this.budget.ratio, this.budget.limit, 'has unpacked more than');
      throw new PackageError(error.code, `${error.message} (reading ${JSON.stringify(entry)} was stopped)`, { entry, details: error.details });
    }
  }
}
