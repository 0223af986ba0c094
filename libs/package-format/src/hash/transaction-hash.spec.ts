import { computeTransactionHash, MAX_TRANSACTION_HASH, transactionHashInput } from './transaction-hash';

const ACCOUNT = '11111111-1111-1111-1111-111111111111';
const DATE = 1704067200000;

describe('computeTransactionHash', () => {
  it.each([
    ['100', 3269396434165229497n],
    ['100.00', 3269396434165229497n],
    ['-3.50', 11977870571748514760n],
    ['0', 6763452732725890977n],
    ['0.00', 6763452732725890977n],
    ['-0', 10972157775746181434n],
    ['1234.5', 15309851949777827908n],
    ['1E+3', 17905076429845296581n],
    ['0.000001', 14368591995604164817n],
    ['0.0000001', 5390881483392352725n],
    ['-1200.10', 17601332988479052176n],
  ])('data-model vector amount %s -> %s', (amount, expected) => {
    expect(computeTransactionHash(ACCOUNT, DATE, amount, 'COFFEE SHOP')).toBe(expected);
  });

  it('matches the real-world vector whose description contains a TAB', () => {
    const hash = computeTransactionHash('4fdbd757-53b4-4a58-a2d4-551c2419149a', 1717632000000, '-87.28', 'SAINSBURYS.CO.UK \tON 05 JUN BCC');
    expect(hash).toBe(10275845125054951334n);
    expect(hash > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
  });

  it('accepts the date as a bigint with the same result', () => {
    expect(computeTransactionHash(ACCOUNT, BigInt(DATE), '-3.50', 'COFFEE SHOP')).toBe(11977870571748514760n);
  });

  it('hashes the documented pre-image', () => {
    expect(transactionHashInput(ACCOUNT, DATE, '100.00', 'COFFEE SHOP')).toBe(`${ACCOUNT}|1704067200000|1E+2|COFFEE SHOP`);
  });

  it('always stays within an unsigned 64-bit integer', () => {
    for (let i = 0; i < 200; i += 1) {
      const hash = computeTransactionHash(ACCOUNT, DATE + i, `${i}.5`, `shop ${i} ☕`);
      expect(hash >= 0n && hash <= MAX_TRANSACTION_HASH).toBe(true);
    }
  });

  it('refuses a non-integer date, a bad amount and unpaired surrogates', () => {
    expect(() => computeTransactionHash(ACCOUNT, 1.5, '1', 'x')).toThrow(RangeError);
    expect(() => computeTransactionHash(ACCOUNT, DATE, 'NaN', 'x')).toThrow(TypeError);
    expect(() => computeTransactionHash(ACCOUNT, DATE, '1', 'bad \ud800')).toThrow(TypeError);
  });
});
