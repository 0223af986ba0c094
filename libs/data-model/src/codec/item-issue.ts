import type { AttributeType } from './attribute-value';

/** Why part of a stored item did not map one-to-one onto a package record. */
export type ItemIssueCode =
  /** An attribute the codec does not know (HouseF3 added a field?): left out of `raw`. */
  | 'unknown_attribute'
  /** A known attribute of another DynamoDB type than HouseF3 writes (or a list entry that is not a map): decoded as found, so validateRecord judges it. */
  | 'unexpected_type'
  /** An N whose text is not a JSON number (DynamoDB Local keeps nested numbers as written): kept as a string. */
  | 'unreadable_number'
  /** A value a JSON package cannot hold as it is: a set (SS, NS) becomes a list, a binary (B, BS) or untyped value is left out. */
  | 'unsupported_type'
  /** analytics pk/sk disagree with userId, analyticType, timePeriod or accountId. */
  | 'inconsistent_key';

/** One thing fromItem could not map faithfully. Nothing is dropped or changed without one. */
export interface ItemIssue {
  code: ItemIssueCode;
  /** Path of the attribute, e.g. `newField`, `rules[0].newField`, `data.totals.x`. */
  attribute: string;
  /** The DynamoDB type found, when there was one. */
  found?: AttributeType;
  /** A sentence for logs and export reports. */
  message: string;
}
