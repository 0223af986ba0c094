import type { EntityName } from './entity-name';
import type { EntityRecordOf } from './entity-records';
import { ENTITY_SPECS, NESTED_SPECS, NestedRecords, NestedTypeName } from './entity-specs';
import { ObjectSpec, reorderObject, specFieldNames } from './object-spec';

/**
 * The canonical key order of an entity's records, for deterministic JSON: the ID first, then
 * userId, then the data model's order. Validated records already come in this order.
 */
export function fieldOrder(entity: EntityName): readonly string[] {
  return specFieldNames(ENTITY_SPECS[entity]);
}

/**
 * The canonical key order of objects nested in records: CategoryAssignment (transaction
 * categories[]), CategoryRule (category rules[]), FieldMapping (file map mappings[]), DateRange
 * (transaction file dateRange). Analytics `data` is a free map and keeps its own order.
 */
export function nestedFieldOrder(typeName: NestedTypeName): readonly string[] {
  return specFieldNames(NESTED_SPECS[typeName]);
}

/**
 * The fields of an entity that hold nested objects with their own key order, e.g.
 * transactions -> { categories: 'CategoryAssignment' }, transaction_files -> { dateRange: 'DateRange' }.
 * Derived from the specs, so it cannot drift.
 */
export function nestedFieldTypes(entity: EntityName): Readonly<Record<string, NestedTypeName>> {
  const result: Record<string, NestedTypeName> = {};
  for (const [name, field] of Object.entries(ENTITY_SPECS[entity].fields as Record<string, { kind: unknown }>)) {
    const kind = field.kind as { spec?: { typeName: string }; item?: { spec?: { typeName: string } } };
    const typeName = kind.spec?.typeName ?? kind.item?.spec?.typeName;
    if (typeName !== undefined && typeName in NESTED_SPECS) result[name] = typeName as NestedTypeName;
  }
  return result;
}

/**
 * A copy of a record with keys in canonical order at every level, keeping only known fields
 * that are set (undefined is dropped). Use it before writing hand-built records.
 */
export function canonicalRecord<E extends EntityName>(entity: E, record: EntityRecordOf<E>): EntityRecordOf<E> {
  return reorderObject(ENTITY_SPECS[entity] as ObjectSpec<EntityRecordOf<E>>, record);
}

/** A copy of a nested object (CategoryRule, ...) with keys in canonical order, unset fields dropped. */
export function canonicalNested<N extends NestedTypeName>(typeName: N, value: NestedRecords[N]): NestedRecords[N] {
  return reorderObject(NESTED_SPECS[typeName] as ObjectSpec<NestedRecords[N]>, value);
}
