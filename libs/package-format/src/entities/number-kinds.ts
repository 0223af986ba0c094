import { DECIMAL_STRING_ALLOWED, DecimalStringOptions, decimalStringProblem } from '../decimal/decimal-string';
import { MAX_TRANSACTION_HASH } from '../hash/transaction-hash';
import { isJsonNumber } from '../json/json-number';
import { INVALID, Kind, found } from './kind';
import { describeText, describeValue } from './validation-issue';

/**
 * Reads an integer without ever rounding: a JsonNumber integer literal, a bigint, or a JS number
 * that is a safe integer. Returns a phrase explaining the refusal instead.
 */
function readInteger(value: unknown): bigint | { problem: string; code: 'wrong_type' | 'out_of_range' } {
  if (typeof value === 'bigint') return value;
  if (isJsonNumber(value)) {
    if (value.isInteger) return BigInt(value.text);
    return { problem: 'not a whole number (no fraction or exponent)', code: 'wrong_type' };
  }
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return { problem: 'not a whole number', code: 'wrong_type' };
    if (!Number.isSafeInteger(value)) {
      return { problem: 'beyond 2^53 as a JavaScript number, so its exact value was already lost', code: 'out_of_range' };
    }
    return BigInt(value);
  }
  return { problem: '', code: 'wrong_type' };
}

function integerKind(min: bigint, max: bigint, allowed: string): Kind<bigint> {
  return {
    allowed,
    parse(value, at) {
      const read = readInteger(value);
      if (typeof read !== 'bigint') {
        const why = read.problem ? `, which is ${read.problem}` : '';
        at.error(read.code, `found ${describeValue(value)}${why}; allowed: ${allowed}`);
        return INVALID;
      }
      if (read < min || read > max) {
        at.error('out_of_range', found(value, allowed));
        return INVALID;
      }
      return read;
    },
  };
}

function asNumber(kind: Kind<bigint>): Kind<number> {
  return {
    allowed: kind.allowed,
    parse(value, at) {
      const read = kind.parse(value, at);
      return read === INVALID ? INVALID : Number(read);
    },
  };
}

/** A whole number in [min, max] (both safe integers), kept as a JS number. */
export function integer(min: number, max: number): Kind<number> {
  const allowed = max === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`;
  return asNumber(integerKind(BigInt(min), BigInt(max), allowed));
}

/** Epoch milliseconds: a whole number from 0 to 2^53-1. */
export function timestampMs(): Kind<number> {
  return asNumber(
    integerKind(0n, BigInt(Number.MAX_SAFE_INTEGER), 'a whole number of milliseconds since 1970-01-01 (0 to 9007199254740991)'),
  );
}

/** Epoch seconds (DynamoDB TTL). */
export function epochSeconds(): Kind<number> {
  return asNumber(integerKind(0n, BigInt(Number.MAX_SAFE_INTEGER), 'a whole number of seconds since 1970-01-01'));
}

/** An unsigned 64-bit integer kept as a bigint (transactionHash): a JSON number, never a string. */
export function uint64(): Kind<bigint> {
  return integerKind(0n, MAX_TRANSACTION_HASH, 'a whole JSON number from 0 to 18446744073709551615 (unsigned 64-bit, not a string)');
}

/** A decimal kept as the exact string given (see decimal/decimal-string.ts for the grammar). */
export function decimal(options: DecimalStringOptions = {}): Kind<string> {
  const allowed = options.nonNegative ? `${DECIMAL_STRING_ALLOWED}, zero or more` : DECIMAL_STRING_ALLOWED;
  return {
    allowed,
    parse(value, at) {
      if (typeof value !== 'string') {
        const hint = isJsonNumber(value) || typeof value === 'number' ? ' (decimals travel as strings so no float ever rounds them)' : '';
        at.error('wrong_type', `found ${describeValue(value)}${hint}; allowed: ${allowed}`);
        return INVALID;
      }
      const problem = decimalStringProblem(value, options);
      if (problem !== undefined) {
        at.error(problem === 'is negative' ? 'out_of_range' : 'bad_format', `found ${describeText(value)}, which ${problem}; allowed: ${allowed}`);
        return INVALID;
      }
      return value;
    },
  };
}
