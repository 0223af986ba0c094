import fc from 'fast-check';

import { codePointLength } from '../entities/field-kinds';
import type { PackageJsonObject, PackageJsonValue } from '../entities/json-value';
import { MAX_TRANSACTION_HASH } from '../hash/transaction-hash';
import { JsonNumber } from '../json/json-number';
import { EDGE_AMOUNTS, EDGE_TEXTS, EDGE_TRANSACTION_HASHES } from './edge-cases';

/* fast-check arbitraries of field values: text, times, decimals, hashes, IDs, free JSON. */

const DAY_MS = 86_400_000;
/** 2100-01-01: timestamps stay in 4-digit years. */
export const MAX_TIMESTAMP_MS = 4_102_444_800_000;

/** Unicode text of at most `maxLength` code points (at least `minLength`), edge texts included. */
export function arbUnicodeText(maxLength: number, minLength = 0): fc.Arbitrary<string> {
  const fitting = EDGE_TEXTS.filter((t) => codePointLength(t) <= maxLength && codePointLength(t) >= minLength);
  const random = fc
    .string({ unit: 'grapheme', minLength: Math.max(minLength, 0), maxLength: Math.min(maxLength, 12) })
    .map((t) => Array.from(t).slice(0, maxLength).join(''))
    .filter((t) => codePointLength(t) >= minLength);
  return fitting.length > 0 ? fc.oneof({ arbitrary: random, weight: 4 }, { arbitrary: fc.constantFrom(...fitting), weight: 1 }) : random;
}

/** Epoch ms from 1970 to 2100. */
export function arbTimestamp(): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: MAX_TIMESTAMP_MS });
}

/** A date-only epoch ms (midnight UTC), like transaction dates. */
export function arbDateOnly(): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: MAX_TIMESTAMP_MS / DAY_MS }).map((day) => day * DAY_MS);
}

/** Decimal strings in the package grammar: edge amounts, plain and exponent forms. */
export function arbDecimalString(options: { nonNegative?: boolean } = {}): fc.Arbitrary<string> {
  const plain = fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.integer({ min: 0, max: 4 }), fc.boolean())
    .map(([negative, units, scale, exponentForm]) => {
      const digits = units.toString();
      const sign = negative && !options.nonNegative ? '-' : '';
      if (exponentForm && units > 0n) return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}E${scale % 2 === 0 ? '+' : '-'}${scale}`;
      if (scale === 0) return sign + digits;
      const padded = digits.padStart(scale + 1, '0');
      return `${sign}${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
    });
  const edges = EDGE_AMOUNTS.filter((a) => !options.nonNegative || !a.startsWith('-'));
  return fc.oneof({ arbitrary: plain, weight: 3 }, { arbitrary: fc.constantFrom(...edges), weight: 1 });
}

/** Any unsigned 64-bit hash, with the precision edges (0, 2^53+1, 2^63±1, 2^64-1) often. */
export function arbTransactionHash(): fc.Arbitrary<bigint> {
  return fc.oneof(fc.constantFrom(...EDGE_TRANSACTION_HASHES), fc.bigInt({ min: 0n, max: MAX_TRANSACTION_HASH }));
}

export function arbUuid(): fc.Arbitrary<string> {
  return fc.uuid({ version: 4 });
}

export function arbRuleId(): fc.Arbitrary<string> {
  return fc.stringMatching(/^rule_[0-9a-f]{8}$/);
}


/** An optional value: absent (undefined) or drawn from `arb`. */
export const arbOptional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

/** File names safe for S3 keys and ZIP entries: no separators or control characters. */
export function arbFileName(): fc.Arbitrary<string> {
  return fc
    .tuple(arbUnicodeText(40, 1), fc.constantFrom('.csv', '.ofx', '.qfx', '.qif', '.pdf', '.xlsx', '.json', ''))
    // eslint-disable-next-line no-control-regex
    .map(([stem, extension]) => `${stem.replace(/[/\\\u0000-\u001f\u007f]/g, '_')}${extension}`)
    .filter((name) => name !== '.' && name !== '..');
}

/** JSON numbers as the reader keeps them: integers beyond 2^64, decimals, exponent forms. */
export function arbJsonNumber(): fc.Arbitrary<JsonNumber> {
  return fc
    .oneof(
      fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
      arbDecimalString().filter((text) => /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)),
      fc.constantFrom('18446744073709551615', '-0', '1.50', '1e-05', '2.5E+10'),
    )
    .map((text) => new JsonNumber(text));
}

/** A free analytics map (two levels deep) with JsonNumber values. */
export function arbAnalyticsData(): fc.Arbitrary<PackageJsonObject> {
  const key = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 });
  const leaf: fc.Arbitrary<PackageJsonValue> = fc.oneof(arbUnicodeText(20), fc.boolean(), fc.constant(null), arbJsonNumber());
  const value: fc.Arbitrary<PackageJsonValue> = fc.oneof(
    { arbitrary: leaf, weight: 4 },
    fc.array(leaf, { maxLength: 3 }),
    fc.dictionary(key, leaf, { maxKeys: 3 }),
  );
  return fc.dictionary(key, value, { maxKeys: 4 });
}

export function arbTimePeriod(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant('overall'),
    fc.integer({ min: 2000, max: 2099 }).map(String),
    fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
    fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`),
  );
}
