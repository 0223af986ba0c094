import { DECIMAL_STRING_ALLOWED, DecimalStringOptions, decimalStringProblem } from '../decimal/decimal-string';
import { MAX_TRANSACTION_HASH } from '../hash/transaction-hash';
import { isJsonNumber } from '../json/json-number';
import type { FieldCursor } from './field-cursor';
import { describeText, describeValue } from './validation-issue';

/** Marks a value that failed validation (its issues are already reported). */
export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

/** How one field's value is checked and converted. */
export interface Kind<T> {
  /** What is allowed, in words, for messages and docs: "a whole number from 0 to 100". */
  readonly allowed: string;
  /** Checks a raw package value; reports issues at `at` and returns INVALID, or the record value. */
  parse(value: unknown, at: FieldCursor): T | Invalid;
  /** Rebuilds a record value with canonical key order (objects and lists only). */
  reorder?(value: T): T;
}

/** Length ceiling of free text the data model leaves unbounded (well inside DynamoDB's 400 KB item). */
export const UNBOUNDED_TEXT_MAX = 32_768;

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const RULE_ID = /^rule_[0-9a-f]{8}$/;

function found(value: unknown, allowed: string): string {
  return `found ${describeValue(value)}; allowed: ${allowed}`;
}

/** Length in Unicode code points, as Python's len() counts (HouseF3's limits are Python limits). */
export function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length - 1; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length -= 1;
        i += 1;
      }
    }
  }
  return length;
}

export interface TextOptions {
  /** Least code points (default 0). */
  readonly minLength?: number;
  /** Most code points (default UNBOUNDED_TEXT_MAX). */
  readonly maxLength?: number;
  /** Most UTF-8 bytes (S3 keys). */
  readonly maxBytes?: number;
  /** Extra rule on the content: returns a phrase saying what is wrong, or undefined. */
  readonly refine?: (text: string) => string | undefined;
  /** Description of the allowed content when refine or a format is involved. */
  readonly allowed?: string;
}

/** Unicode text (no unpaired surrogates: DynamoDB and Python need valid UTF-8), length in code points. */
export function text(options: TextOptions = {}): Kind<string> {
  const minLength = options.minLength ?? 0;
  const maxLength = options.maxLength ?? UNBOUNDED_TEXT_MAX;
  const bounds = minLength > 0 ? `${minLength} to ${maxLength} characters` : `at most ${maxLength} characters`;
  const allowed = options.allowed ? `${options.allowed}, ${bounds}` : `a text of ${bounds}`;
  return {
    allowed,
    parse(value, at) {
      if (typeof value !== 'string') {
        at.error('wrong_type', found(value, allowed));
        return INVALID;
      }
      if (UNPAIRED_SURROGATE.test(value)) {
        at.error('bad_format', `found a text with an unpaired UTF-16 surrogate, which is not valid Unicode; allowed: ${allowed}`);
        return INVALID;
      }
      // Every code point takes one or two UTF-16 units: skip the count when the text is far too long.
      const length = value.length > maxLength * 2 ? undefined : codePointLength(value);
      if (length === undefined || length > maxLength) {
        const shown = length === undefined ? `more than ${maxLength * 2}` : String(length);
        at.error('too_long', `found a text of ${shown} characters; allowed: at most ${maxLength} characters`);
        return INVALID;
      }
      if (length < minLength) {
        at.error('too_short', `found ${describeText(value)}; allowed: at least ${minLength} character${minLength === 1 ? '' : 's'}`);
        return INVALID;
      }
      if (options.maxBytes !== undefined) {
        const bytes = Buffer.byteLength(value, 'utf8');
        if (bytes > options.maxBytes) {
          at.error('too_long', `found a text of ${bytes} UTF-8 bytes; allowed: at most ${options.maxBytes} bytes`);
          return INVALID;
        }
      }
      const problem = options.refine?.(value);
      if (problem !== undefined) {
        at.error('bad_format', `found ${describeText(value)}, which ${problem}; allowed: ${allowed}`);
        return INVALID;
      }
      return value;
    },
  };
}

/** Text matching a pattern exactly. */
function patterned(pattern: RegExp, allowed: string, hint?: (value: string) => string | undefined): Kind<string> {
  return {
    allowed,
    parse(value, at) {
      if (typeof value !== 'string') {
        at.error('wrong_type', found(value, allowed));
        return INVALID;
      }
      if (!pattern.test(value)) {
        const extra = hint?.(value);
        at.error('bad_format', `found ${describeText(value)}${extra ? ` (${extra})` : ''}; allowed: ${allowed}`);
        return INVALID;
      }
      return value;
    },
  };
}

/** An entity ID: a lower-case UUID version 4, as HouseF3's uuid4() writes them. */
export function uuid(): Kind<string> {
  return patterned(
    UUID_V4,
    'a lower-case UUID version 4, like "4fdbd757-53b4-4a58-a2d4-551c2419149a"',
    (value) => (UUID_V4.test(value.toLowerCase()) ? 'upper-case letters are not allowed' : undefined),
  );
}

/** A category rule ID: "rule_" and 8 lower-case hex digits. */
export function ruleId(): Kind<string> {
  return patterned(RULE_ID, '"rule_" followed by 8 lower-case hex digits, like "rule_1a2b3c4d"');
}

/** One of a fixed set of strings (case-sensitive). */
export function enumOf<const V extends string>(values: readonly V[]): Kind<V> {
  const allowed = `one of ${values.join(', ')}`;
  return {
    allowed,
    parse(value, at) {
      if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as V;
      if (typeof value !== 'string') {
        at.error('wrong_type', found(value, allowed));
        return INVALID;
      }
      const sameIgnoringCase = values.find((v) => v.toLowerCase() === value.toLowerCase());
      const hint = sameIgnoringCase ? ` (values are case-sensitive: did you mean ${sameIgnoringCase}?)` : '';
      at.error('not_allowed_value', `found ${describeText(value)}${hint}; allowed: ${allowed}`);
      return INVALID;
    },
  };
}

export function boolean(): Kind<boolean> {
  const allowed = 'true or false';
  return {
    allowed,
    parse(value, at) {
      if (typeof value === 'boolean') return value;
      at.error('wrong_type', found(value, allowed));
      return INVALID;
    },
  };
}

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

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,6})?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/;

function isCalendarDate(year: string, month: string, day: string): boolean {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const daysInMonth = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= daysInMonth[m - 1];
}

/** An ISO 8601 calendar date as Python's date.isoformat() writes it: "2024-12-31". */
export function isoDate(): Kind<string> {
  const allowed = 'an ISO date like "2024-12-31"';
  return {
    allowed,
    parse(value, at) {
      const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
      if (!match || !isCalendarDate(match[1], match[2], match[3])) {
        at.error(typeof value === 'string' ? 'bad_format' : 'wrong_type', found(value, allowed));
        return INVALID;
      }
      return value as string;
    },
  };
}

/** An ISO 8601 date-time as Python's datetime.isoformat() writes it: "2024-12-31T23:59:59.123456+00:00". */
export function isoDateTime(): Kind<string> {
  const allowed = 'an ISO date-time like "2024-12-31T23:59:59.123456+00:00" (fraction and offset optional, "Z" allowed)';
  return {
    allowed,
    parse(value, at) {
      const match = typeof value === 'string' ? ISO_DATE_TIME.exec(value) : null;
      if (!match || !isCalendarDate(match[1], match[2], match[3])) {
        at.error(typeof value === 'string' ? 'bad_format' : 'wrong_type', found(value, allowed));
        return INVALID;
      }
      return value as string;
    },
  };
}

const TIME_PERIOD = /^(overall|\d{4}|\d{4}-(0[1-9]|1[0-2])|\d{4}-Q[1-4]|\d{4}-W(0[1-9]|[1-4]\d|5[0-3])|\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))$/;

/** An analytics time period: overall, 2024, 2024-12, 2024-Q4, 2024-W05 or 2024-12-31. */
export function timePeriod(): Kind<string> {
  return patterned(TIME_PERIOD, '"overall" or a period like "2024", "2024-12", "2024-Q4", "2024-W05" or "2024-12-31"');
}
