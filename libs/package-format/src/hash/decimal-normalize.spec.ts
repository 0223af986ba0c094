import fc from 'fast-check';

import { compareDecimalStrings } from '../decimal/decimal-string';
import vectors from './__fixtures__/normalize-vectors.json';
import { normalizeDecimal } from './decimal-normalize';

describe('normalizeDecimal', () => {
  it.each([
    ['100', '1E+2'],
    ['100.00', '1E+2'],
    ['-3.50', '-3.5'],
    ['0', '0'],
    ['0.00', '0'],
    ['-0', '-0'],
    ['-0.00', '-0'],
    ['1234.5', '1234.5'],
    ['1E+3', '1E+3'],
    ['0.000001', '0.000001'],
    ['0.0000001', '1E-7'],
    ['-1200.10', '-1200.1'],
    ['-87.28', '-87.28'],
  ])('data-model vector %s -> %s', (input, expected) => {
    expect(normalizeDecimal(input)).toBe(expected);
  });

  it('rounds beyond 28 significant digits half-even, like the default context', () => {
    expect(normalizeDecimal('1234567890123456789012345678.5')).toBe('1234567890123456789012345678');
    expect(normalizeDecimal('1234567890123456789012345677.5')).toBe('1234567890123456789012345678');
    expect(normalizeDecimal('99999999999999999999999999995')).toBe('1E+29');
    expect(normalizeDecimal('1.00000000000000000000000000005')).toBe('1');
  });

  const table = vectors as [string, string | null][];

  it(`matches CPython on all ${table.length} generated vectors`, () => {
    const mismatches: string[] = [];
    for (const [input, expected] of table) {
      let actual: string;
      try {
        actual = normalizeDecimal(input);
      } catch (error) {
        actual = error instanceof RangeError ? 'RangeError' : String(error);
      }
      if (actual !== (expected ?? 'RangeError')) mismatches.push(`${input}: expected ${expected}, got ${actual}`);
    }
    expect(mismatches).toEqual([]);
  });

  it.each(['', ' 1', '1 ', '1_000', '1,000', 'NaN', 'nan', 'Infinity', '-Infinity', '.', '-', 'e5', '1e', '0x10', '١'])(
    'refuses %j with a TypeError',
    (input) => {
      expect(() => normalizeDecimal(input)).toThrow(TypeError);
    },
  );

  it('handles very long inputs', () => {
    expect(normalizeDecimal(`0.${'0'.repeat(5000)}1`)).toBe('1E-5001');
    expect(normalizeDecimal(`${'9'.repeat(10000)}`)).toBe('1E+10000');
  });

  const plainDecimal = fc
    .tuple(fc.boolean(), fc.stringMatching(/^(0|[1-9]\d{0,20})$/), fc.option(fc.stringMatching(/^\d{1,6}$/)))
    .map(([negative, int, frac]) => `${negative ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}`);

  it('is idempotent and keeps the value of numbers of up to 28 digits', () => {
    fc.assert(
      fc.property(plainDecimal, (input) => {
        const once = normalizeDecimal(input);
        expect(normalizeDecimal(once)).toBe(once);
        expect(compareDecimalStrings(once, input)).toBe(0);
      }),
    );
  });
});
