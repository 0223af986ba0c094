import { fieldOrder, nestedFieldOrder, nestedFieldTypes, type EntityName } from '../entities';
import type { KeyOrder } from '../json/canonical-json';

const cache = new Map<EntityName, KeyOrder>();

/**
 * The key order the writer uses for an entity's records: the entity's fieldOrder, each nested
 * type's own order (assignments, rules, mappings, dateRange), and sorted keys for free maps
 * (analytics `data`). Independent of the order keys happen to have in memory, so equal records
 * always give equal bytes.
 */
export function recordKeyOrder(entity: EntityName): KeyOrder {
  let order = cache.get(entity);
  if (order === undefined) {
    order = {
      keys: fieldOrder(entity),
      nested: Object.fromEntries(Object.entries(nestedFieldTypes(entity)).map(([field, typeName]) => [field, { keys: nestedFieldOrder(typeName) }])),
    };
    cache.set(entity, order);
  }
  return order;
}
