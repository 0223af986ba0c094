export type { AttributeValue, Item, StoredAttributeValue, StoredItem, AttributeType } from './attribute-value';
export { attributeTypeOf } from './attribute-value';
export type { FieldCodec, FieldItemSpec, ObjectItemSpec } from './field-codec';
export { storedType } from './field-codec';
export {
  ENTITY_ITEM_SPECS,
  CATEGORY_ASSIGNMENT_ITEM,
  CATEGORY_RULE_ITEM,
  FIELD_MAPPING_ITEM,
  DATE_RANGE_ITEM,
  USER_ID_ATTRIBUTE,
  ANALYTICS_KEY_ATTRIBUTES,
} from './entity-item-specs';
export { analyticsPartitionKey, analyticsSortKey } from './analytics-key';
export { toItem } from './to-item';
export { fromItem, type DecodedItem } from './from-item';
export type { ItemIssue, ItemIssueCode } from './item-issue';
export { ItemCodecError } from './item-codec-error';
export * from './entity-table';
export { itemSizeBytes, MAX_ITEM_BYTES } from './item-size';
