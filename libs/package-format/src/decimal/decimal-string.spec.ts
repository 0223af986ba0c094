import { compareDecimalStrings, decimalStringProblem, isDecimalString } from './decimal-string';

describe('decimal strings', () => {
  it.each([
    '0',
    '-0',
    '-0.00',
    '0.00',
    '1234567890.12',
    '-87.28',
    '100',
    '1E+3',
    '1e5',
    '1e+5',
    '-1.5E-7',
    '0.0000001',
    '12345678901234567890123456789012345678', // 38 significant digits
    '1.2345678901234567890123456789012345670000', // trailing zeros are not significant
    '1E-130',
    '9.9999999999999999999999999999999999999E+125',
    '0E+999', // zero has no magnitude
  ])('accepts %j', (text) => {
    expect(decimalStringProblem(text)).toBeUndefined();
  });

  it.each(['12.', '.5', '+1', '01', '-01.5', '1,000', '1 000', ' 1', '1 ', 'NaN', 'Infinity', '-Infinity', '', '-', '1e', '1.2.3', '0x10', '１', '1_000', '٣'])(
    'refuses %j as not a decimal number',
    (text) => {
      expect(decimalStringProblem(text)).toBe('is not a decimal number');
    },
  );

  it('refuses what a DynamoDB number cannot hold', () => {
    expect(decimalStringProblem('123456789012345678901234567890123456789')).toMatch(/39 significant digits/);
    expect(decimalStringProblem('1E-131')).toMatch(/outside the range/);
    expect(decimalStringProblem('1E+126')).toMatch(/outside the range/);
    expect(decimalStringProblem('-1E+126')).toMatch(/outside the range/);
    expect(decimalStringProblem(`1.${'0'.repeat(98)}`)).toBeUndefined();
    expect(decimalStringProblem(`1.${'0'.repeat(99)}`)).toBe('is longer than 100 characters');
  });

  it('refuses negatives only when asked, and -0 is not negative', () => {
    expect(decimalStringProblem('-0.01', { nonNegative: true })).toBe('is negative');
    expect(decimalStringProblem('-0.00', { nonNegative: true })).toBeUndefined();
    expect(isDecimalString('-0.01')).toBe(true);
  });

  it('compares by exact value', () => {
    expect(compareDecimalStrings('100', '1E+2')).toBe(0);
    expect(compareDecimalStrings('-0', '0.00')).toBe(0);
    expect(compareDecimalStrings('0.1', '0.10000000000000000000000000000000000001')).toBe(-1);
    expect(compareDecimalStrings('-2', '-10')).toBe(1);
    expect(compareDecimalStrings('1234567890.12', '1234567890.119999')).toBe(1);
    expect(compareDecimalStrings('-1E-7', '0')).toBe(-1);
    expect(() => compareDecimalStrings('x', '1')).toThrow(TypeError);
  });
});
