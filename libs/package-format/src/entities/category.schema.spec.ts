import { JsonNumber } from '../json/json-number';
import { buildCategory, buildRule, toPackageJson } from '../testing';
import { CATEGORY_TYPES, RULE_CONDITIONS, RULE_FIELDS_TO_MATCH, RULE_INHERITANCE_MODES } from './enums';
import { validateRecord } from './validate-record';

type Raw = Record<string, unknown>;
const ID = 'cacacaca-0000-4000-8000-000000000001';
const raw = (overrides: Raw = {}): Raw => ({ ...(toPackageJson(buildCategory({ categoryId: ID })) as Raw), ...overrides });
const validate = (overrides: Raw) => validateRecord('categories', raw(overrides));
const errors = (overrides: Raw) => validate(overrides).issues.filter((i) => i.severity === 'error');
const withRule = (overrides: Raw) => validate({ rules: [{ ...(toPackageJson(buildRule()) as Raw), ...overrides }] });

describe('Category schema', () => {
  it.each(CATEGORY_TYPES)('accepts type %s', (type) => {
    expect(validate({ type }).record?.type).toBe(type);
  });

  it.each(RULE_INHERITANCE_MODES)('accepts ruleInheritanceMode %s', (ruleInheritanceMode) => {
    expect(validate({ ruleInheritanceMode }).record?.ruleInheritanceMode).toBe(ruleInheritanceMode);
  });

  it('refuses values outside the enums', () => {
    expect(errors({ type: 'income' })[0].message).toContain('did you mean INCOME?');
    expect(errors({ type: 'SAVINGS' })[0].code).toBe('not_allowed_value');
    expect(errors({ ruleInheritanceMode: 'replace' })[0].field).toBe('ruleInheritanceMode');
  });

  it('needs a non-empty name (a GSI key) and defaults inheritParentRules to true', () => {
    expect(errors({ name: '' })[0]).toEqual(expect.objectContaining({ field: 'name', code: 'too_short' }));
    const { inheritParentRules: _, ...withoutFlag } = raw();
    expect(validateRecord('categories', withoutFlag).record?.inheritParentRules).toBe(true);
  });

  it('keeps a parent and refuses the category as its own parent', () => {
    expect(validate({ parentCategoryId: 'cacacaca-0000-4000-8000-000000000002' }).record?.parentCategoryId).toBe('cacacaca-0000-4000-8000-000000000002');
    expect(errors({ parentCategoryId: ID })).toEqual([expect.objectContaining({ field: 'parentCategoryId', code: 'inconsistent' })]);
  });

  describe('rules', () => {
    it.each(RULE_CONDITIONS)('accept condition %s (amount_range kept as stored)', (condition) => {
      expect(withRule({ condition }).record?.rules[0].condition).toBe(condition);
    });

    it.each(RULE_FIELDS_TO_MATCH)('accept fieldToMatch %s', (fieldToMatch) => {
      expect(withRule({ fieldToMatch }).record?.rules[0].fieldToMatch).toBe(fieldToMatch);
    });

    it('refuse an unknown condition and fieldToMatch', () => {
      expect(withRule({ condition: 'fuzzy', fieldToMatch: 'payer' }).issues.map((i) => i.field)).toEqual(['rules[0].fieldToMatch', 'rules[0].condition']);
    });

    it.each(['rule_00000000', 'rule_abcdef12'])('accept ruleId %s', (ruleId) => {
      expect(withRule({ ruleId }).issues).toEqual([]);
    });

    it.each(['rule_ABCDEF12', 'rule_abc', 'rule_abcdef123', 'abcdef12', '4fdbd757-53b4-4a58-a2d4-551c2419149a'])('refuse ruleId %s', (ruleId) => {
      expect(withRule({ ruleId }).issues).toEqual([expect.objectContaining({ field: 'rules[0].ruleId', code: 'bad_format' })]);
    });

    it.each(['priority', 'confidence'])('bound %s to 0..100', (field) => {
      expect(withRule({ [field]: new JsonNumber('0') }).issues).toEqual([]);
      expect(withRule({ [field]: new JsonNumber('100') }).issues).toEqual([]);
      expect(withRule({ [field]: new JsonNumber('101') }).issues.map((i) => [i.field, i.code])).toEqual([[`rules[0].${field}`, 'out_of_range']]);
      expect(withRule({ [field]: new JsonNumber('-1') }).issues.map((i) => i.code)).toEqual(['out_of_range']);
    });

    it('keep amountMin/amountMax as decimal strings >= 0', () => {
      expect(withRule({ amountMin: '0', amountMax: '1E+3' }).record?.rules[0]).toEqual(expect.objectContaining({ amountMin: '0', amountMax: '1E+3' }));
      expect(withRule({ amountMin: '-0.00' }).issues).toEqual([]);
      expect(withRule({ amountMin: '-5' }).issues).toEqual([expect.objectContaining({ field: 'rules[0].amountMin', code: 'out_of_range', message: expect.stringContaining('which is negative') })]);
      expect(withRule({ amountMax: new JsonNumber('5') }).issues.map((i) => i.code)).toEqual(['wrong_type']);
    });

    it('warn when amountMin exceeds amountMax', () => {
      const result = withRule({ amountMin: '100', amountMax: '99.99' });
      expect(result.record).toBeDefined();
      expect(result.issues).toEqual([expect.objectContaining({ field: 'rules[0].amountMin', code: 'inconsistent', severity: 'warning' })]);
    });

    it('require every documented flag', () => {
      const { caseSensitive: _a, enabled: _b, allowMultipleMatches: _c, autoSuggest: _d, ...rest } = toPackageJson(buildRule()) as Raw;
      expect(validate({ rules: [rest] }).issues.map((i) => i.field)).toEqual([
        'rules[0].caseSensitive',
        'rules[0].enabled',
        'rules[0].allowMultipleMatches',
        'rules[0].autoSuggest',
      ]);
    });
  });
});
