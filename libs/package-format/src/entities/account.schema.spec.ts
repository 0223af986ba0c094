import { JsonNumber } from '../json/json-number';
import { buildAccount, toPackageJson } from '../testing';
import { ACCOUNT_TYPES, CURRENCIES } from './enums';
import { validateRecord } from './validate-record';

type Raw = Record<string, unknown>;
const ID = '4fdbd757-53b4-4a58-a2d4-551c2419149a';
const raw = (overrides: Raw = {}): Raw => ({ ...(toPackageJson(buildAccount({ accountId: ID })) as Raw), ...overrides });
const validate = (overrides: Raw) => validateRecord('accounts', raw(overrides));
const errors = (overrides: Raw) => validate(overrides).issues.filter((i) => i.severity === 'error');

describe('Account schema', () => {
  it.each(ACCOUNT_TYPES)('accepts accountType %s', (accountType) => {
    expect(validate({ accountType }).record?.accountType).toBe(accountType);
  });

  it.each(CURRENCIES)('accepts currency %s', (currency) => {
    expect(validate({ currency }).record?.currency).toBe(currency);
  });

  it('refuses values outside the enums, with a hint for case mistakes', () => {
    expect(errors({ accountType: 'brokerage' })).toEqual([
      expect.objectContaining({ field: 'accountType', code: 'not_allowed_value', message: expect.stringContaining('found "brokerage"; allowed: one of checking, savings, credit_card, investment, loan, other') }),
    ]);
    expect(errors({ currency: 'OTHER' })[0].message).toContain('did you mean other?');
    expect(errors({ currency: 'usd' })[0].code).toBe('not_allowed_value');
    expect(errors({ currency: new JsonNumber('840') })[0].code).toBe('wrong_type');
  });

  it.each([
    ['accountName', 100],
    ['institution', 100],
    ['notes', 1000],
  ])('limits %s to %i characters, counted in code points like Python', (field, max) => {
    expect(errors({ [field]: 'a'.repeat(max) })).toEqual([]);
    expect(errors({ [field]: '💶'.repeat(max) })).toEqual([]);
    expect(errors({ [field]: 'a'.repeat(max + 1) })).toEqual([
      expect.objectContaining({ field, code: 'too_long', message: expect.stringContaining(`found a text of ${max + 1} characters; allowed: at most ${max} characters`) }),
    ]);
  });

  it('refuses an empty accountName and text with unpaired surrogates', () => {
    expect(errors({ accountName: '' })[0]).toEqual(expect.objectContaining({ field: 'accountName', code: 'too_short' }));
    expect(errors({ accountName: 'bad \ud83d' })[0]).toEqual(expect.objectContaining({ code: 'bad_format', message: expect.stringContaining('unpaired UTF-16 surrogate') }));
  });

  it.each(['0', '-0.00', '1234567890.12', '-87.28', '1E+3', '1e5'])('keeps balance %j exactly as given', (balance) => {
    expect(validate({ balance }).record?.balance).toBe(balance);
  });

  it.each(['12.', '.5', '1,000', 'NaN', ' 1', '+1', 'abc'])('refuses balance %j', (balance) => {
    expect(errors({ balance })).toEqual([expect.objectContaining({ field: 'balance', code: 'bad_format', message: expect.stringContaining('is not a decimal number') })]);
  });

  it('refuses a balance given as a JSON number rather than a string', () => {
    expect(errors({ balance: new JsonNumber('12.50') })[0].message).toContain('found the number 12.50 (decimals travel as strings');
  });

  it('requires currency when balance is set, and only then', () => {
    const { currency: _, ...withoutCurrency } = raw();
    expect(validateRecord('accounts', withoutCurrency).issues).toEqual([
      expect.objectContaining({ field: 'currency', code: 'inconsistent', message: expect.stringContaining('is missing while balance is set ("1234.56")') }),
    ]);
    const { balance: __, ...neither } = withoutCurrency;
    expect(validateRecord('accounts', neither).issues).toEqual([]);
    // A wrong currency is reported once, as itself.
    expect(errors({ currency: 'XXX' }).map((i) => i.code)).toEqual(['not_allowed_value']);
  });

  it('defaults isActive to true and refuses non-booleans', () => {
    const { isActive: _, ...withoutFlag } = raw();
    expect(validateRecord('accounts', withoutFlag).record?.isActive).toBe(true);
    expect(validate({ isActive: false }).record?.isActive).toBe(false);
    expect(errors({ isActive: 'True' })[0]).toEqual(expect.objectContaining({ code: 'wrong_type', message: expect.stringContaining('found "True"; allowed: true or false') }));
  });

  it.each([
    ['upper case', '4FDBD757-53B4-4A58-A2D4-551C2419149A', 'upper-case letters are not allowed'],
    ['version 1', '4fdbd757-53b4-1a58-a2d4-551c2419149a', ''],
    ['bad variant', '4fdbd757-53b4-4a58-72d4-551c2419149a', ''],
    ['no dashes', '4fdbd75753b44a58a2d4551c2419149a', ''],
    ['braces', `{${ID}}`, ''],
  ])('refuses an ID in %s', (_, accountId, hint) => {
    const [issue] = errors({ accountId });
    expect(issue).toEqual(expect.objectContaining({ field: 'accountId', code: 'bad_format' }));
    expect(issue.message).toContain('allowed: a lower-case UUID version 4');
    if (hint) expect(issue.message).toContain(hint);
  });

  it('checks reference IDs like own IDs', () => {
    expect(errors({ defaultFileMapId: 'map-1' })[0].field).toBe('defaultFileMapId');
    expect(validate({ defaultFileMapId: ID }).record?.defaultFileMapId).toBe(ID);
  });

  it.each([
    [new JsonNumber('0'), 0],
    [new JsonNumber(String(Number.MAX_SAFE_INTEGER)), Number.MAX_SAFE_INTEGER],
  ])('accepts timestamp %s', (value, expected) => {
    expect(validate({ lastTransactionDate: value }).record?.lastTransactionDate).toBe(expected);
  });

  it.each([
    [new JsonNumber('-1'), 'out_of_range'],
    [new JsonNumber('1.5'), 'wrong_type'],
    [new JsonNumber('1e3'), 'wrong_type'],
    [new JsonNumber('9007199254740992'), 'out_of_range'],
    ['1704067200000', 'wrong_type'],
    [1.5, 'wrong_type'],
    [2 ** 60, 'out_of_range'],
    [true, 'wrong_type'],
  ])('refuses timestamp %p', (value, code) => {
    expect(errors({ createdAt: value })).toEqual([expect.objectContaining({ field: 'createdAt', code })]);
  });

  it('keeps a source userId for import to see, and checks it', () => {
    expect(validate({ userId: 'us-east-1:0b9e0d5c' }).record?.userId).toBe('us-east-1:0b9e0d5c');
    expect(raw()).not.toHaveProperty('userId');
    expect(errors({ userId: '' })[0].code).toBe('too_short');
    expect(errors({ userId: 'u'.repeat(128) })).toEqual([]);
    expect(errors({ userId: 'u'.repeat(129) })[0].code).toBe('too_long');
  });
});
