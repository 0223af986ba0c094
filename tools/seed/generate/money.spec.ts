import { formatMinor, negateDecimal, parseMinor } from './money';

describe('money in minor units', () => {
  it.each([
    [-1230n, 2, '-12.30'],
    [5n, 2, '0.05'],
    [-5n, 2, '-0.05'],
    [0n, 2, '0.00'],
    [123456780n, 2, '1234567.80'],
    [-1250000n, 0, '-1250000'],
  ])('formats %s (scale %s) as %s and parses it back', (units, scale, text) => {
    expect(formatMinor(units, scale)).toBe(text);
    expect(parseMinor(text, scale)).toBe(units);
  });

  it('negates decimal strings, leaving zero unsigned', () => {
    expect([negateDecimal('12.30'), negateDecimal('-12.30'), negateDecimal('0'), negateDecimal('0.00')]).toEqual(['-12.30', '12.30', '0', '0.00']);
  });

  it('refuses text with more decimals than the scale', () => {
    expect(() => parseMinor('1.005')).toThrow('parseMinor: "1.005" is not a decimal with at most 2 decimals');
  });
});
