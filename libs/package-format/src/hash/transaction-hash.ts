import { createHash } from 'node:crypto';

import { hasUnpairedSurrogate } from '../entities/unicode';
import { normalizeDecimal } from './decimal-normalize';

/** The largest transactionHash: 2^64 - 1 (an unsigned 64-bit integer). */
export const MAX_TRANSACTION_HASH = (1n << 64n) - 1n;

/**
 * The exact text HouseF3 hashes: `${accountId}|${date}|${normalizeDecimal(amount)}|${description}`.
 * Exposed so that a mismatch can be explained in a report.
 */
export function transactionHashInput(accountId: string, date: number | bigint, amount: string, description: string): string {
  if (typeof date === 'number' && !Number.isSafeInteger(date)) {
    throw new RangeError(`transactionHash: date must be an integer number of milliseconds, got ${String(date)}`);
  }
  for (const [name, text] of [['accountId', accountId], ['description', description]] as const) {
    // Python cannot encode these to UTF-8 at all; Node would silently hash U+FFFD instead.
    if (hasUnpairedSurrogate(text)) throw new TypeError(`transactionHash: ${name} contains an unpaired UTF-16 surrogate`);
  }
  return `${accountId}|${date.toString()}|${normalizeDecimal(amount)}|${description}`;
}

/**
 * HouseF3's dedup key, bit-exact: the first 16 hex digits of the SHA-256 (UTF-8) of
 * {@link transactionHashInput}, as an unsigned 64-bit bigint (0 .. 2^64-1). `amount` is the
 * decimal string as stored; it is normalized like Python's `str(Decimal(amount).normalize())`.
 */
export function computeTransactionHash(accountId: string, date: number | bigint, amount: string, description: string): bigint {
  const digest = createHash('sha256').update(transactionHashInput(accountId, date, amount, description), 'utf8').digest('hex');
  return BigInt(`0x${digest.slice(0, 16)}`);
}
