import { buildFileMap, toPackageJson } from '../testing';
import { validateRecord } from './validate-record';

type Raw = Record<string, unknown>;
const raw = (overrides: Raw = {}): Raw => ({ ...(toPackageJson(buildFileMap()) as Raw), ...overrides });
const validate = (overrides: Raw) => validateRecord('file_maps', raw(overrides));

describe('FileMap schema', () => {
  it('validates a built file map', () => {
    const fileMap = buildFileMap({ accountId: '4fdbd757-53b4-4a58-a2d4-551c2419149a', description: 'desc' });
    expect(validateRecord('file_maps', toPackageJson(fileMap))).toEqual({ record: fileMap, issues: [] });
  });

  it('limits name to 1..255 and description to 1000 characters', () => {
    expect(validate({ name: 'n'.repeat(255) }).issues).toEqual([]);
    expect(validate({ name: 'n'.repeat(256) }).issues.map((i) => i.code)).toEqual(['too_long']);
    expect(validate({ name: '' }).issues.map((i) => i.code)).toEqual(['too_short']);
    expect(validate({ description: 'd'.repeat(1000) }).issues).toEqual([]);
    expect(validate({ description: 'd'.repeat(1001) }).issues.map((i) => i.code)).toEqual(['too_long']);
  });

  it('needs at least one mapping, each with non-empty source and target', () => {
    expect(validate({ mappings: [] }).issues).toEqual([expect.objectContaining({ field: 'mappings', code: 'too_short', message: expect.stringContaining('allowed: a list of at least 1') })]);
    expect(validate({ mappings: [{ sourceField: '', targetField: 'date' }] }).issues.map((i) => i.field)).toEqual(['mappings[0].sourceField']);
    expect(validate({ mappings: [{ sourceField: 'Date' }] }).issues.map((i) => [i.field, i.code])).toEqual([['mappings[0].targetField', 'missing']]);
  });

  it('defaults reverseAmounts to false (older file maps predate it)', () => {
    const { reverseAmounts: _, ...older } = raw();
    expect(validateRecord('file_maps', older).record?.reverseAmounts).toBe(false);
    expect(validate({ reverseAmounts: true }).record?.reverseAmounts).toBe(true);
  });
});
