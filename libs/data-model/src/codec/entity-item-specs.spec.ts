import { ENTITY_NAMES, EntityName, fieldOrder, validateRecord } from '@housef3/package-format';
import { buildDataset, toPackageJson } from '@housef3/package-format/testing';
import { ENTITY_ITEM_SPECS } from './entity-item-specs';

/** A record of each entity with every optional field set (from the fixed dataset). */
function fullRecord(entity: EntityName): Record<string, unknown> {
  const records = buildDataset()[entity] as unknown as Record<string, unknown>[];
  const fields = Object.keys(ENTITY_ITEM_SPECS[entity].fields);
  const full = records.reduce((best, record) => (fields.filter((f) => f in record).length > fields.filter((f) => f in best).length ? record : best));
  return toPackageJson(full) as Record<string, unknown>;
}

describe('the item specs follow the package schema', () => {
  it.each(ENTITY_NAMES)('%s: one attribute per record field, in canonical order (userId is the owner, written apart)', (entity) => {
    expect(Object.keys(ENTITY_ITEM_SPECS[entity].fields)).toEqual(fieldOrder(entity).filter((field) => field !== 'userId'));
  });

  it.each(ENTITY_NAMES)('%s: a field is optional in the item spec exactly when a validated record may lack it', (entity) => {
    const full = fullRecord(entity);
    for (const [field, spec] of Object.entries(ENTITY_ITEM_SPECS[entity].fields)) {
      if (!(field in full)) continue;
      const { [field]: _removed, ...without } = full;
      const result = validateRecord(entity, without, { checkTransactionHash: false });
      // Required in the item: either the package requires it, or validation fills it in (default, derived).
      // (Cross-field rules such as "currency when balance is set" are not presence.)
      const missing = result.issues.some((issue) => issue.field === field && issue.code === 'missing');
      const filledIn = result.record !== undefined && field in result.record;
      expect({ field, optional: spec.optional }).toEqual({ field, optional: !missing && !filledIn });
    }
  });
});
