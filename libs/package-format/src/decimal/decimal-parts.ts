/**
 * A finite decimal number split into sign, coefficient digits and exponent, exactly as written:
 * value = (negative ? -1 : 1) * coefficient * 10^exponent. Nothing here ever touches a float.
 */
export interface DecimalParts {
  readonly negative: boolean;
  /** Decimal digits without leading zeros ("0" for zero). Trailing zeros are kept. */
  readonly coefficient: string;
  /** Power of ten applied to the coefficient. A bigint: "1e99999999999999999999" is valid text. */
  readonly exponent: bigint;
}

/** JSON number grammar, upper- or lower-case exponent: what a package may hold in a decimal string. */
const JSON_DECIMAL = /^(-)?(0|[1-9]\d*)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** Python's Decimal grammar for finite numbers, minus whitespace and underscores. */
const PYTHON_DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function toParts(sign: string | undefined, intDigits: string, fracDigits: string, exponentText: string | undefined): DecimalParts {
  const coefficient = (intDigits + fracDigits).replace(/^0+(?=\d)/, '');
  const exponent = BigInt(exponentText ?? '0') - BigInt(fracDigits.length);
  return { negative: sign === '-', coefficient, exponent };
}

/**
 * Parses the strict package grammar (a JSON number written as text: optional '-', no leading
 * zeros, digits on both sides of '.', optional exponent). Returns undefined for anything else.
 */
export function parseJsonDecimal(text: string): DecimalParts | undefined {
  const match = JSON_DECIMAL.exec(text);
  if (!match) return undefined;
  return toParts(match[1], match[2], match[3] ?? '', match[4]);
}

/**
 * Parses the finite numbers Python's `Decimal(str)` accepts ("+1", ".5", "5.", "1E+3"), except
 * surrounding whitespace and '_' separators. Returns undefined for anything else (NaN, Infinity).
 */
export function parsePythonDecimal(text: string): DecimalParts | undefined {
  const match = PYTHON_DECIMAL.exec(text);
  if (!match) return undefined;
  const intDigits = match[2];
  const fracDigits = match[3] ?? '';
  if (intDigits.length === 0 && fracDigits.length === 0) return undefined;
  return toParts(match[1], intDigits, fracDigits, match[4]);
}

/** True when every digit of the coefficient is zero. */
export function isZeroParts(parts: DecimalParts): boolean {
  return /^0+$/.test(parts.coefficient);
}

/**
 * The same value with trailing zeros moved into the exponent ("100" e0 -> "1" e2); zero becomes
 * "0" e0. Sign is kept. Used for value comparisons and significant-digit counts.
 */
export function stripTrailingZeros(parts: DecimalParts): DecimalParts {
  if (isZeroParts(parts)) return { negative: parts.negative, coefficient: '0', exponent: 0n };
  const stripped = parts.coefficient.replace(/0+$/, '');
  return {
    negative: parts.negative,
    coefficient: stripped,
    exponent: parts.exponent + BigInt(parts.coefficient.length - stripped.length),
  };
}
