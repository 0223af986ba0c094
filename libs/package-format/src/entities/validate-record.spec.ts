import fc from 'fast-check';

import { JsonNumber } from '../json/json-number';
import { buildAccount, buildTransaction, toPackageJson } from '../testing';
import { ENTITY_NAMES } from './entity-name';
import { LEGACY_FZIP_DECORATION_FIELDS } from './legacy-fields';
import { validateRecord } from './validate-record';

type Raw = Record<string, unknown>;

function rawAccount(overrides: Raw = {}): Raw {
  return { ...(toPackageJson(buildAccount({ accountId: '4fdbd757-53b4-4a58-a2d4-551c2419149a' })) as Raw), ...overrides };
}

describe('validateRecord', () => {
  it('converts a raw account into a typed record with no issues', () => {
    const result = validateRecord('accounts', rawAccount());
    expect(result.issues).toEqual([]);
    expect(result.record).toEqual(buildAccount({ accountId: '4fdbd757-53b4-4a58-a2d4-551c2419149a' }));
    expect(typeof result.record?.createdAt).toBe('number');
  });

  it('accepts plain JS numbers where they are exact (hand-built input)', () => {
    const result = validateRecord('accounts', { ...rawAccount(), createdAt: 1704067200000, updatedAt: 1 });
    expect(result.issues).toEqual([]);
    expect(result.record?.updatedAt).toBe(1);
  });

  it.each([null, 'text', new JsonNumber('1'), [], true])('refuses a record that is not an object: %p', (raw) => {
    const result = validateRecord('accounts', raw);
    expect(result.record).toBeUndefined();
    expect(result.issues).toEqual([expect.objectContaining({ field: '', code: 'not_an_object', severity: 'error' })]);
  });

  it('reports a missing and a null required field with path, id and index', () => {
    const { accountName: _, ...withoutName } = rawAccount();
    const result = validateRecord('accounts', { ...withoutName, accountType: null }, { index: 7 });
    expect(result.record).toBeUndefined();
    expect(result.issues).toEqual([
      {
        entity: 'accounts',
        id: '4fdbd757-53b4-4a58-a2d4-551c2419149a',
        index: 7,
        field: 'accountName',
        code: 'missing',
        severity: 'error',
        message: 'accounts[7].accountName (accountId 4fdbd757-53b4-4a58-a2d4-551c2419149a): is missing; required: a text of 1 to 100 characters',
      },
      expect.objectContaining({ field: 'accountType', code: 'missing', message: expect.stringContaining('found null; required: one of checking, savings') }),
    ]);
  });

  it('treats null in an optional field as not set', () => {
    const result = validateRecord('accounts', rawAccount({ notes: null, institution: null }));
    expect(result.issues).toEqual([]);
    expect(result.record).not.toHaveProperty('notes');
    expect(result.record).not.toHaveProperty('institution');
  });

  describe('unknown fields', () => {
    it('are errors by default, naming the field and the allowed ones', () => {
      const result = validateRecord('accounts', rawAccount({ isAdmin: true }));
      expect(result.record).toBeUndefined();
      expect(result.issues).toEqual([
        expect.objectContaining({ field: 'isAdmin', code: 'unknown_field', severity: 'error', message: expect.stringMatching(/^accounts\.isAdmin \(accountId 4fdbd757-53b4-4a58-a2d4-551c2419149a\): is not a field of Account.*allowed fields: accountId, userId, accountName/) }),
      ]);
    });

    it('are dropped with a warning under the strip policy', () => {
      const result = validateRecord('accounts', rawAccount({ isAdmin: true }), { unknownFields: 'strip' });
      expect(result.record).toBeDefined();
      expect(result.record).not.toHaveProperty('isAdmin');
      expect(result.issues).toEqual([expect.objectContaining({ field: 'isAdmin', code: 'unknown_field', severity: 'warning' })]);
    });

    it('are refused in nested objects too', () => {
      const raw = toPackageJson(buildTransaction({ categories: [] })) as Raw;
      const assignment = { categoryId: '4fdbd757-53b4-4a58-a2d4-551c2419149a', confidence: new JsonNumber('5'), status: 'suggested', isManual: false, assignedAt: new JsonNumber('1'), extra: 1 };
      const result = validateRecord('transactions', { ...raw, categories: [assignment] });
      expect(result.issues).toEqual([expect.objectContaining({ field: 'categories[0].extra', code: 'unknown_field', message: expect.stringContaining('not a field of CategoryAssignment') })]);
    });

    it('ignoreFields drops legacy decoration silently, at the top level only', () => {
      const decorated = rawAccount(Object.fromEntries(LEGACY_FZIP_DECORATION_FIELDS.map((name) => [name, { anything: 1 }])));
      const result = validateRecord('accounts', decorated, { ignoreFields: LEGACY_FZIP_DECORATION_FIELDS });
      expect(result.issues).toEqual([]);
      expect(Object.keys(result.record ?? {})).not.toContain('exportMetadata');
      expect(validateRecord('accounts', decorated).issues).toHaveLength(LEGACY_FZIP_DECORATION_FIELDS.length);
    });

    it('quotes odd and huge field names instead of echoing them', () => {
      const huge = 'x'.repeat(10_000);
      const result = validateRecord('accounts', rawAccount({ [huge]: 1, 'a b': 2, __proto__x: 3 }));
      const fields = result.issues.map((issue) => issue.field);
      expect(fields).toEqual([`["${'x'.repeat(40)}…"]`, '["a b"]', '__proto__x']);
      expect(result.issues[0].message.length).toBeLessThan(1000);
    });

    it('treats an own "__proto__" key as unknown, without touching prototypes', () => {
      const raw = JSON.parse(`{"__proto__": {"polluted": true}}`) as Raw;
      const result = validateRecord('accounts', { ...rawAccount(), ...raw });
      expect(result.issues.map((issue) => issue.field)).toEqual(['__proto__']);
      expect(({} as Raw).polluted).toBeUndefined();
    });
  });

  it('truncates long values in messages', () => {
    const result = validateRecord('accounts', rawAccount({ accountType: 'z'.repeat(100_000) }));
    expect(result.issues[0].message).toContain('… (100000 characters)');
    expect(result.issues[0].message.length).toBeLessThan(400);
  });

  it('caps the listed issues and sums up the rest', () => {
    const junk = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`junk${i}`, i]));
    const result = validateRecord('accounts', rawAccount(junk), { maxIssues: 10 });
    expect(result.issues).toHaveLength(11);
    expect(result.issues[10]).toEqual(expect.objectContaining({ code: 'too_many_issues', severity: 'error', message: expect.stringContaining('110 more issues not listed') }));
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ENTITY_NAMES), fc.anything({ withBigInt: true, withNullPrototype: true, withMap: true, withDate: true }), (entity, raw) => {
        const result = validateRecord(entity, raw);
        expect(result.record === undefined).toBe(result.issues.some((issue) => issue.severity === 'error'));
      }),
    );
  });
});
