import { DecimalParts, isZeroParts, parseJsonDecimal, stripTrailingZeros } from './decimal-parts';

/**
 * Money and other decimals travel as strings and are validated here, exactly, without floats.
 *
 * Accepted text: the JSON number grammar, written as a string: optional '-', integer digits with
 * no leading zero, optional '.digits', optional exponent ('e' or 'E', optional sign). So "0",
 * "-0.00", "1234567890.12", "1E+3", "1e5" and "-1.5E-7" are accepted; "12.", ".5", "+1", "01",
 * "1,000", " 1", "NaN" and "Infinity" are refused. Exponent forms are accepted because HouseF3
 * itself writes them: Python's str(Decimal) gives "1E-7" for 0.0000001 and "1E+2" for a
 * normalized 100 (see docs/package-format-entities.md).
 *
 * Every decimal must also fit a DynamoDB number (HouseF3 stores most of them as N): at most 38
 * significant digits, magnitude 0 or between 1E-130 and 9.99...E+125. And no decimal text is
 * longer than 100 characters (zeros padding a value to megabytes are refused).
 */
export const DECIMAL_MAX_SIGNIFICANT_DIGITS = 38;
/** Smallest adjusted exponent of a non-zero decimal (1E-130). */
export const DECIMAL_MIN_ADJUSTED_EXPONENT = -130n;
/** Largest adjusted exponent of a decimal (9.99...E+125). */
export const DECIMAL_MAX_ADJUSTED_EXPONENT = 125n;
/** Longest decimal text accepted. */
export const DECIMAL_MAX_TEXT_LENGTH = 100;

/** What a decimal string may look like, for error messages and docs. */
export const DECIMAL_STRING_ALLOWED =
  'a decimal number written as a string, like "-87.28", "0" or "1E+3" (optional "-", digits, optional ".digits", optional exponent; no "+", spaces, separators, NaN or Infinity)';

export interface DecimalStringOptions {
  /** Refuse values below zero ("-0" and "-0.00" are zero and allowed). */
  readonly nonNegative?: boolean;
}

/**
 * Why `text` is not an acceptable decimal string, as a short phrase ("is not a decimal number",
 * "is negative", ...), or undefined when it is acceptable.
 */
export function decimalStringProblem(text: string, options: DecimalStringOptions = {}): string | undefined {
  if (text.length > DECIMAL_MAX_TEXT_LENGTH) return `is longer than ${DECIMAL_MAX_TEXT_LENGTH} characters`;
  const parts = parseJsonDecimal(text);
  if (!parts) return 'is not a decimal number';
  const value = stripTrailingZeros(parts);
  if (!isZeroParts(value)) {
    if (value.coefficient.length > DECIMAL_MAX_SIGNIFICANT_DIGITS) {
      return `has ${value.coefficient.length} significant digits, more than the ${DECIMAL_MAX_SIGNIFICANT_DIGITS} a DynamoDB number holds`;
    }
    const adjusted = adjustedExponent(value);
    if (adjusted < DECIMAL_MIN_ADJUSTED_EXPONENT || adjusted > DECIMAL_MAX_ADJUSTED_EXPONENT) {
      return 'is outside the range a DynamoDB number holds (magnitude 1E-130 to 9.99E+125)';
    }
    if (options.nonNegative && value.negative) return 'is negative';
  }
  return undefined;
}

/** True when `text` is an acceptable decimal string (see {@link decimalStringProblem}). */
export function isDecimalString(text: string, options: DecimalStringOptions = {}): boolean {
  return decimalStringProblem(text, options) === undefined;
}

/**
 * Compares two decimal strings by value, exactly: -1, 0 or 1. "-0" equals "0.00"; "1E+2" equals
 * "100". Throws a TypeError when either is not in the package grammar.
 */
export function compareDecimalStrings(a: string, b: string): -1 | 0 | 1 {
  return compareParts(parseOrThrow(a), parseOrThrow(b));
}

function parseOrThrow(text: string): DecimalParts {
  const parts = parseJsonDecimal(text);
  if (!parts) throw new TypeError(`not a decimal string: ${JSON.stringify(text.slice(0, 40))}`);
  return stripTrailingZeros(parts);
}

function adjustedExponent(parts: DecimalParts): bigint {
  return parts.exponent + BigInt(parts.coefficient.length - 1);
}

function compareParts(a: DecimalParts, b: DecimalParts): -1 | 0 | 1 {
  const signA = isZeroParts(a) ? 0 : a.negative ? -1 : 1;
  const signB = isZeroParts(b) ? 0 : b.negative ? -1 : 1;
  if (signA !== signB) return signA < signB ? -1 : 1;
  if (signA === 0) return 0;
  const magnitude = compareMagnitudes(a, b);
  if (magnitude === 0) return 0;
  return signA < 0 ? (-magnitude as -1 | 1) : magnitude;
}

function compareMagnitudes(a: DecimalParts, b: DecimalParts): -1 | 0 | 1 {
  const adjustedA = adjustedExponent(a);
  const adjustedB = adjustedExponent(b);
  if (adjustedA !== adjustedB) return adjustedA < adjustedB ? -1 : 1;
  const width = Math.max(a.coefficient.length, b.coefficient.length);
  const digitsA = a.coefficient.padEnd(width, '0');
  const digitsB = b.coefficient.padEnd(width, '0');
  return digitsA === digitsB ? 0 : digitsA < digitsB ? -1 : 1;
}
