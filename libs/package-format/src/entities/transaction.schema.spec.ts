import { computeTransactionHash } from '../hash/transaction-hash';
import { JsonNumber } from '../json/json-number';
import { buildAssignment, buildTransaction, toPackageJson } from '../testing';
import { CATEGORY_ASSIGNMENT_STATUSES, CURRENCIES, TRANSACTION_STATUSES } from './enums';
import { validateRecord } from './validate-record';

type Raw = Record<string, unknown>;
const ACCOUNT = '4fdbd757-53b4-4a58-a2d4-551c2419149a';
const TX = '0b9e0d5c-8f3a-4c1e-9d2b-7a6f5e4d3c2b';
const BASE = buildTransaction({ transactionId: TX, accountId: ACCOUNT, date: 1717632000000, amount: '-87.28', description: 'SAINSBURYS.CO.UK \tON 05 JUN BCC' });
const raw = (overrides: Raw = {}): Raw => ({ ...(toPackageJson(BASE) as Raw), ...overrides });
const validate = (overrides: Raw, options = {}) => validateRecord('transactions', raw(overrides), options);
const errors = (overrides: Raw) => validate(overrides).issues.filter((i) => i.severity === 'error');

describe('Transaction schema', () => {
  it('validates a built transaction into the same record (hash as bigint)', () => {
    const result = validateRecord('transactions', raw());
    expect(result.issues).toEqual([]);
    expect(result.record).toEqual(BASE);
    expect(result.record?.transactionHash).toBe(10275845125054951334n);
  });

  describe('transactionHash', () => {
    const exact = (text: string) => validate({ transactionHash: new JsonNumber(text) }, { checkTransactionHash: false });

    it.each(['0', '9007199254740993', '9223372036854775809', '18446744073709551615'])('accepts %s exactly', (text) => {
      const result = exact(text);
      expect(result.issues).toEqual([]);
      expect(result.record?.transactionHash).toBe(BigInt(text));
    });

    it.each([
      [new JsonNumber('18446744073709551616'), 'out_of_range'],
      [new JsonNumber('-1'), 'out_of_range'],
      [new JsonNumber('1.5'), 'wrong_type'],
      [new JsonNumber('1e19'), 'wrong_type'],
      ['10275845125054951334', 'wrong_type'],
      [Number('10275845125054951334'), 'out_of_range'], // a JS number: precision already lost
    ])('refuses %p', (value, code) => {
      const found = errors({ transactionHash: value });
      expect(found).toEqual([expect.objectContaining({ field: 'transactionHash', code })]);
      expect(found[0].message).toContain('allowed: a whole JSON number from 0 to 18446744073709551615');
    });

    it('accepts small safe JS numbers and bigints from hand-built input', () => {
      expect(validate({ transactionHash: 5 }, { checkTransactionHash: false }).record?.transactionHash).toBe(5n);
      expect(validate({ transactionHash: 2n ** 64n - 1n }, { checkTransactionHash: false }).record?.transactionHash).toBe(2n ** 64n - 1n);
    });

    it('reports a hash that does not match its fields as a warning and keeps the record', () => {
      const result = validate({ transactionHash: new JsonNumber('42') });
      expect(result.record?.transactionHash).toBe(42n);
      expect(result.issues).toEqual([
        expect.objectContaining({ field: 'transactionHash', code: 'hash_mismatch', severity: 'warning', message: expect.stringContaining('found 42, but accountId, date, amount and description hash to 10275845125054951334') }),
      ]);
    });

    it('sees a changed amount form only when it changes the normalized value', () => {
      expect(validate({ amount: '-87.280' }).issues).toEqual([]); // normalizes to -87.28
      expect(validate({ amount: '-87.29' }).issues.map((i) => i.code)).toEqual(['hash_mismatch']);
    });

    it('computes a missing hash, with a warning', () => {
      const { transactionHash: _, ...withoutHash } = raw();
      const result = validateRecord('transactions', withoutHash);
      expect(result.record?.transactionHash).toBe(10275845125054951334n);
      expect(result.issues).toEqual([expect.objectContaining({ code: 'hash_computed', severity: 'warning' })]);
    });
  });

  describe('statusDate', () => {
    it('is derived when absent', () => {
      const { statusDate: _, ...withoutStatusDate } = raw({ status: 'duplicate' });
      const result = validateRecord('transactions', withoutStatusDate);
      expect(result.issues).toEqual([]);
      expect(result.record?.statusDate).toBe('duplicate#1717632000000');
      expect(Object.keys(result.record ?? {}).indexOf('statusDate')).toBe(Object.keys(result.record ?? {}).indexOf('status') + 1);
    });

    it('must equal status#date when present', () => {
      expect(errors({ statusDate: 'duplicate#1717632000000' })).toEqual([
        expect.objectContaining({ field: 'statusDate', code: 'inconsistent', message: expect.stringContaining('found "duplicate#1717632000000"; required: "new#1717632000000"') }),
      ]);
    });
  });

  it.each(TRANSACTION_STATUSES)('accepts status %s', (status) => {
    expect(validate({ status, statusDate: `${status}#1717632000000` }).record?.status).toBe(status);
  });

  it.each(CURRENCIES)('accepts currency %s', (currency) => {
    expect(validate({ currency }).record?.currency).toBe(currency);
  });

  it('refuses a wrong status and currency', () => {
    expect(errors({ status: 'pending' }).map((i) => i.field)).toEqual(['status']);
    expect(errors({ currency: 'BTC' }).map((i) => i.field)).toEqual(['currency']);
  });

  it('requires fileId, accountId, amount, currency, status, categories', () => {
    const { fileId: _a, accountId: _b, amount: _c, currency: _d, status: _e, categories: _f, ...rest } = raw();
    expect(validateRecord('transactions', rest).issues.map((i) => i.field)).toEqual(['accountId', 'fileId', 'amount', 'currency', 'status', 'categories']);
  });

  it.each(['0', '-0.00', '1234567890.12', '1E+3', '-1.5E-7'])('keeps amount %j exactly, hash recomputed from it', (amount) => {
    const transactionHash = new JsonNumber(computeTransactionHash(ACCOUNT, 1717632000000, amount, 'SAINSBURYS.CO.UK \tON 05 JUN BCC').toString());
    const result = validate({ amount, transactionHash });
    expect(result.issues).toEqual([]);
    expect(result.record?.amount).toBe(amount);
  });

  it.each(['12.', '.5', '1,000', 'NaN', ' 1'])('refuses amount %j', (amount) => {
    expect(errors({ amount }).map((i) => i.field)).toEqual(['amount']);
  });

  it.each([
    ['description', 1000, 0],
    ['memo', 1000, 0],
    ['transactionType', 50, 1],
    ['checkNumber', 50, 0],
    ['fitId', 100, 0],
  ])('limits %s to %i characters', (field, max, min) => {
    const extra = field === 'description' ? { transactionHash: new JsonNumber(computeTransactionHash(ACCOUNT, 1717632000000, '-87.28', 'd'.repeat(max)).toString()) } : {};
    expect(errors({ [field]: 'd'.repeat(max), ...extra })).toEqual([]);
    expect(errors({ [field]: 'd'.repeat(max + 1) }).map((i) => i.code)).toEqual(['too_long']);
    if (min > 0) expect(errors({ [field]: '' }).map((i) => i.code)).toEqual(['too_short']);
  });

  it('checks importOrder as a whole number of at least 0', () => {
    expect(validate({ importOrder: new JsonNumber('0') }).record?.importOrder).toBe(0);
    expect(errors({ importOrder: new JsonNumber('-1') }).map((i) => i.code)).toEqual(['out_of_range']);
    expect(errors({ importOrder: new JsonNumber('2.5') }).map((i) => i.code)).toEqual(['wrong_type']);
  });

  describe('category assignments', () => {
    const withAssignments = (...assignments: unknown[]) => validate({ categories: assignments });

    it.each(CATEGORY_ASSIGNMENT_STATUSES)('accept status %s', (status) => {
      expect(withAssignments(toPackageJson(buildAssignment({ status }))).issues).toEqual([]);
    });

    it('keep every field, isManual and confirmedAt included', () => {
      const assignment = buildAssignment({ confidence: 0, isManual: true, confirmedAt: 5, ruleId: 'rule_0a1b2c3d' });
      expect(withAssignments(toPackageJson(assignment)).record?.categories).toEqual([assignment]);
    });

    it('report nested errors with their paths', () => {
      const good = toPackageJson(buildAssignment()) as Raw;
      const result = withAssignments(good, good, { ...good, confidence: new JsonNumber('101'), ruleId: 'rule_XYZ', status: 'auto' });
      expect(result.record).toBeUndefined();
      expect(result.issues.map((i) => [i.field, i.code])).toEqual([
        ['categories[2].confidence', 'out_of_range'],
        ['categories[2].status', 'not_allowed_value'],
        ['categories[2].ruleId', 'bad_format'],
      ]);
      expect(result.issues[0].message).toContain('transactions.categories[2].confidence (transactionId 0b9e0d5c-8f3a-4c1e-9d2b-7a6f5e4d3c2b): found the number 101; allowed: a whole number from 0 to 100');
    });

    it.each([
      [new JsonNumber('0'), 0],
      [new JsonNumber('100'), 100],
    ])('accept confidence %s', (confidence, expected) => {
      const assignment = { ...(toPackageJson(buildAssignment()) as Raw), confidence };
      expect(withAssignments(assignment).record?.categories[0].confidence).toBe(expected);
    });

    it.each([new JsonNumber('-1'), new JsonNumber('0.95'), new JsonNumber('101'), '95'])('refuse confidence %p (whole numbers 0-100, not the design doc float)', (confidence) => {
      const assignment = { ...(toPackageJson(buildAssignment()) as Raw), confidence };
      expect(withAssignments(assignment).issues.map((i) => i.field)).toEqual(['categories[0].confidence']);
    });

    it('refuse a list that is not a list, and items that are not objects', () => {
      expect(errors({ categories: {} }).map((i) => [i.field, i.code])).toEqual([['categories', 'wrong_type']]);
      expect(errors({ categories: ['x'] }).map((i) => [i.field, i.code])).toEqual([['categories[0]', 'not_an_object']]);
    });
  });
});
