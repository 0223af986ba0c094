import type { AttributeType } from './attribute-value';

/**
 * How one record field is stored in DynamoDB. The kind says both the record's value type and the
 * attribute type, so a field's storage is decided once, here and in entity-item-specs.ts.
 */
export type FieldCodec =
  /** string <-> S */
  | { readonly kind: 'text' }
  /** decimal string <-> S or N, per field (HouseF3 is inconsistent: see the data model's quirks) */
  | { readonly kind: 'decimal'; readonly stored: 'S' | 'N' }
  /** JS safe integer (timestamps, counts) <-> N */
  | { readonly kind: 'integer' }
  /** bigint, unsigned 64-bit (transactionHash) <-> N, from and to its exact decimal digits */
  | { readonly kind: 'uint64' }
  /** boolean <-> BOOL */
  | { readonly kind: 'boolean' }
  /** boolean <-> S "true"/"false": HouseF3 stores some flags as text so they can be GSI keys (pattern active) */
  | { readonly kind: 'stringBoolean' }
  /** list of strings (ids, messages) <-> L of S */
  | { readonly kind: 'textList' }
  /** list of decimal strings <-> L of N (a pattern's feature vector) */
  | { readonly kind: 'decimalList' }
  /** free JSON object (analytics data) <-> M; numbers are JsonNumber <-> N, null <-> NULL */
  | { readonly kind: 'json' }
  /** nested object with its own spec <-> M */
  | { readonly kind: 'object'; readonly spec: ObjectItemSpec }
  /** list of nested objects <-> L of M */
  | { readonly kind: 'list'; readonly spec: ObjectItemSpec };

/** One field: its codec and whether the record may omit it (then the item omits the attribute). */
export interface FieldItemSpec {
  readonly codec: FieldCodec;
  readonly optional: boolean;
}

/** How an object (record or nested object) is stored: one FieldItemSpec per field, in canonical order. */
export interface ObjectItemSpec {
  /** Name used in errors: "Account", "CategoryRule". */
  readonly typeName: string;
  readonly fields: { readonly [field: string]: FieldItemSpec };
}

/**
 * One FieldItemSpec per property of T (userId excepted: it is the item's owner, written by the
 * codec), optional exactly where T's property is optional. The compiler checks completeness.
 */
export type FieldItemSpecs<T> = {
  readonly [K in Exclude<keyof T, 'userId'>]-?: FieldItemSpec & { readonly optional: undefined extends T[K] ? true : false };
};

/** The DynamoDB type a codec writes. */
export function storedType(codec: FieldCodec): AttributeType {
  switch (codec.kind) {
    case 'text':
    case 'stringBoolean':
      return 'S';
    case 'decimal':
      return codec.stored;
    case 'integer':
    case 'uint64':
      return 'N';
    case 'boolean':
      return 'BOOL';
    case 'json':
    case 'object':
      return 'M';
    case 'list':
    case 'textList':
    case 'decimalList':
      return 'L';
  }
}

export const text = (): FieldCodec => ({ kind: 'text' });
/** A decimal HouseF3 stores as S (Account.balance, TransactionFile.openingBalance, CategoryRule.amountMin/amountMax). */
export const decimalS = (): FieldCodec => ({ kind: 'decimal', stored: 'S' });
/** A decimal HouseF3 stores as N (Transaction.amount and balance, TransactionFile.closingBalance). */
export const decimalN = (): FieldCodec => ({ kind: 'decimal', stored: 'N' });
export const integer = (): FieldCodec => ({ kind: 'integer' });
export const uint64 = (): FieldCodec => ({ kind: 'uint64' });
export const boolean = (): FieldCodec => ({ kind: 'boolean' });
/** A boolean HouseF3 stores as the text "true"/"false" (RecurringChargePattern active, autoCategorize, criteriaValidated). */
export const stringBoolean = (): FieldCodec => ({ kind: 'stringBoolean' });
export const textList = (): FieldCodec => ({ kind: 'textList' });
export const decimalList = (): FieldCodec => ({ kind: 'decimalList' });
export const json = (): FieldCodec => ({ kind: 'json' });
export const object = (spec: ObjectItemSpec): FieldCodec => ({ kind: 'object', spec });
export const list = (spec: ObjectItemSpec): FieldCodec => ({ kind: 'list', spec });

export function required(codec: FieldCodec): FieldItemSpec & { readonly optional: false } {
  return { codec, optional: false };
}

export function optional(codec: FieldCodec): FieldItemSpec & { readonly optional: true } {
  return { codec, optional: true };
}
