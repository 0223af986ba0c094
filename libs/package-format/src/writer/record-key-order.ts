import { fieldOrder, nestedFieldOrder, type EntityName } from '../entities';
import type { KeyOrder } from '../json/canonical-json';

/** Objects nested in records that have a canonical key order of their own. */
const NESTED_FIELDS: { readonly [E in EntityName]?: Readonly<Record<string, Parameters<typeof nestedFieldOrder>[0]>> } = {
  transactions: { categories: 'CategoryAssignment' },
  categories: { rules: 'CategoryRule' },
  file_maps: { mappings: 'FieldMapping' },
  transaction_files: { dateRange: 'DateRange' },
};

const cache = new Map<EntityName, KeyOrder>();

/**
 * The key order the writer uses for an entity's records: the entity's fieldOrder, the nested
 * types' own orders, and sorted keys for free maps (analytics `data`). Independent of the order
 * keys happen to have in memory, so equal records always give equal bytes.
 */
export function recordKeyOrder(entity: EntityName): KeyOrder {
  let order = cache.get(entity);
  if (order === undefined) {
    const nested = NESTED_FIELDS[entity] ?? {};
    order = {
      keys: fieldOrder(entity),
      nested: Object.fromEntries(Object.entries(nested).map(([field, typeName]) => [field, { keys: nestedFieldOrder(typeName) }])),
    };
    cache.set(entity, order);
  }
  return order;
}
