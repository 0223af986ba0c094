import { DecimalParts, isZeroParts, parsePythonDecimal } from '../decimal/decimal-parts';

/*
 * A port of CPython's `str(Decimal(x).normalize())` in the default context, with exact string and
 * bigint arithmetic. The steps and names follow Lib/_pydecimal.py (Decimal._fix, normalize and
 * __str__); the C implementation (libmpdec) gives the same results, which the Python-generated
 * vectors in __fixtures__/normalize-vectors.json check.
 */

/** Python's default context: precision 28, ROUND_HALF_EVEN, Emax 999999, Emin -999999, clamp 0. */
const PRECISION = 28n;
const EMAX = 999_999n;
const EMIN = -999_999n;
const ETINY = EMIN - PRECISION + 1n;
const ETOP = EMAX - PRECISION + 1n;

interface Triple {
  negative: boolean;
  digits: string;
  exponent: bigint;
}

/**
 * Exactly Python's `str(Decimal(value).normalize())` under the default decimal context: rounds
 * to 28 significant digits (half even), strips trailing zeros, and prints in Python's notation
 * ("100.00" -> "1E+2", "0.0000001" -> "1E-7", "-0.00" -> "-0", "-1200.10" -> "-1200.1").
 *
 * Accepts the finite numbers Python's Decimal accepts ("+1", ".5", "5.", "1e5") but not
 * surrounding whitespace, '_' separators, NaN or Infinity (TypeError). Like Python (which raises
 * decimal.Overflow), throws a RangeError when the value exceeds the context's Emax.
 */
export function normalizeDecimal(value: string): string {
  const parts = parsePythonDecimal(value);
  if (!parts) {
    throw new TypeError(`normalizeDecimal: not a finite decimal number: ${JSON.stringify(value.slice(0, 60))}`);
  }
  return toScientificString(normalize(fix(parts, value)));
}

/** Decimal._fix: round to the context precision, handle subnormals and overflow. */
function fix(parts: DecimalParts, source: string): Triple {
  const { negative, coefficient, exponent } = parts;
  if (isZeroParts(parts)) return { negative, digits: '0', exponent };
  const length = BigInt(coefficient.length);
  let expMin = length + exponent - PRECISION;
  if (expMin > ETOP) throw overflow(source);
  if (expMin < ETINY) expMin = ETINY;
  if (exponent >= expMin) return { negative, digits: coefficient, exponent };

  let digitsToKeep = length + exponent - expMin;
  let work = coefficient;
  if (digitsToKeep < 0n) {
    // Python replaces the value by a single 1 just below the rounding position.
    work = '1';
    digitsToKeep = 0n;
  }
  const keep = Number(digitsToKeep);
  let kept = work.slice(0, keep) || '0';
  if (roundHalfEvenIncrements(work, keep)) {
    kept = (BigInt(kept) + 1n).toString();
    if (BigInt(kept.length) > PRECISION) {
      kept = kept.slice(0, -1);
      expMin += 1n;
    }
  }
  if (expMin > ETOP) throw overflow(source);
  return { negative, digits: kept, exponent: expMin };
}

/** Decimal._round_half_even: whether dropping digits[keep..] rounds the kept part up. */
function roundHalfEvenIncrements(digits: string, keep: number): boolean {
  const first = digits.charCodeAt(keep) - 48;
  const restIsZero = /^0*$/.test(digits.slice(keep + 1));
  if (first > 5) return true;
  if (first < 5) return false;
  if (!restIsZero) return true;
  // Exactly half: round to the even neighbour.
  const lastKept = keep === 0 ? 0 : digits.charCodeAt(keep - 1) - 48;
  return lastKept % 2 === 1;
}

/** Decimal.normalize after _fix: zero becomes 0E0; trailing zeros move into the exponent up to Emax. */
function normalize(fixed: Triple): Triple {
  if (/^0+$/.test(fixed.digits)) return { negative: fixed.negative, digits: '0', exponent: 0n };
  let end = fixed.digits.length;
  let exponent = fixed.exponent;
  while (fixed.digits[end - 1] === '0' && exponent < EMAX) {
    exponent += 1n;
    end -= 1;
  }
  return { negative: fixed.negative, digits: fixed.digits.slice(0, end), exponent };
}

/** Decimal.__str__ (to-scientific-string, capital E). */
function toScientificString({ negative, digits, exponent }: Triple): string {
  const sign = negative ? '-' : '';
  const leftDigits = exponent + BigInt(digits.length);
  const dotPlace = exponent <= 0n && leftDigits > -6n ? leftDigits : 1n;
  let intPart: string;
  let fracPart: string;
  if (dotPlace <= 0n) {
    intPart = '0';
    fracPart = '.' + '0'.repeat(Number(-dotPlace)) + digits;
  } else if (dotPlace >= BigInt(digits.length)) {
    intPart = digits + '0'.repeat(Number(dotPlace - BigInt(digits.length)));
    fracPart = '';
  } else {
    intPart = digits.slice(0, Number(dotPlace));
    fracPart = '.' + digits.slice(Number(dotPlace));
  }
  const shown = leftDigits - dotPlace;
  const exponentPart = shown === 0n ? '' : `E${shown > 0n ? '+' : '-'}${shown < 0n ? -shown : shown}`;
  return sign + intPart + fracPart + exponentPart;
}

function overflow(source: string): RangeError {
  return new RangeError(
    `normalizeDecimal: ${JSON.stringify(source.slice(0, 60))} exceeds the largest decimal Python's default context holds (Emax 999999)`,
  );
}
