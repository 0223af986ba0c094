/*
 * DynamoDB's low-level attribute values, as our own structural types: libs/data-model stays free
 * of AWS imports, and the compiler still checks that what we write is what the SDK accepts
 * (AttributeValue is assignable to @aws-sdk/client-dynamodb's AttributeValue) and that what the
 * SDK returns is what we read (the SDK's AttributeValue is assignable to StoredAttributeValue).
 */

/**
 * An attribute value the codec writes. HouseF3's six package entities use no sets and no
 * binaries, so none are written.
 */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { L: AttributeValue[] }
  | { M: { [name: string]: AttributeValue } };

/** An item the codec writes: attribute name -> value. */
export type Item = { [name: string]: AttributeValue };

/**
 * An attribute value as DynamoDB may return it: every member is optional so that the SDK's
 * union (and its `$unknown` member) is assignable. Exactly one member is set in practice.
 */
export interface StoredAttributeValue {
  S?: string;
  N?: string;
  BOOL?: boolean;
  NULL?: boolean;
  L?: StoredAttributeValue[];
  M?: { [name: string]: StoredAttributeValue };
  SS?: string[];
  NS?: string[];
  B?: Uint8Array;
  BS?: Uint8Array[];
  $unknown?: [string, unknown];
}

/** An item as DynamoDB returns it (GetItem, Query, Scan). */
export type StoredItem = { readonly [name: string]: StoredAttributeValue };

/** The DynamoDB type tags. */
export type AttributeType = 'S' | 'N' | 'BOOL' | 'NULL' | 'L' | 'M' | 'SS' | 'NS' | 'B' | 'BS';

const TYPES: readonly AttributeType[] = ['S', 'N', 'BOOL', 'NULL', 'L', 'M', 'SS', 'NS', 'B', 'BS'];

/** The type tag of a stored value, or undefined for a value DynamoDB would never return (no or unknown tag). */
export function attributeTypeOf(value: StoredAttributeValue): AttributeType | undefined {
  return TYPES.find((type) => value[type] !== undefined);
}
