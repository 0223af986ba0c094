import { EntityName, JsonNumber, PackageJsonObject, PackageJsonValue } from '@housef3/package-format';
import { analyticsPartitionKey, analyticsSortKey } from './analytics-key';
import { StoredAttributeValue, StoredItem, attributeTypeOf } from './attribute-value';
import { ANALYTICS_KEY_ATTRIBUTES, ENTITY_ITEM_SPECS, USER_ID_ATTRIBUTE } from './entity-item-specs';
import { FieldCodec, ObjectItemSpec, storedType } from './field-codec';
import type { ItemIssue } from './item-issue';

/** A stored item turned back into a package record, with everything that did not map faithfully. */
export interface DecodedItem {
  /**
   * The record in the package reader's form, ready for validateRecord: numbers as JsonNumber
   * (transactionHash never passes through a JS number), money as decimal strings (from S or N),
   * nested lists and maps decoded by their own specs. Without `userId` (and analytics `pk`/`sk`):
   * packages of this system omit the owner, the manifest names it.
   */
  raw: PackageJsonObject;
  /** The item's owner (its `userId` attribute), for the caller to check against the user it reads for. */
  userId?: string;
  /** Unknown attributes, unexpected types, unreadable numbers, inconsistent analytics keys. Empty when the item mapped exactly. */
  issues: ItemIssue[];
}

/**
 * Decodes a DynamoDB item of one of the six package entities (the inverse of toItem).
 *
 * Values are taken as DynamoDB holds them: DynamoDB normalizes numbers, so an amount written as
 * N "100.00" reads back as "100" and "-0.00" as "0"; the codec does not pretend otherwise (see
 * docs/dynamodb-codec.md). Never throws on content: anything it cannot map one-to-one is an issue.
 * - An attribute the entity does not have is left out of `raw` and reported (`unknown_attribute`),
 *   at any depth: the caller decides whether an export with it is acceptable.
 * - A known attribute of an unexpected DynamoDB type is decoded as found (S -> string, N ->
 *   JsonNumber, ...) and reported (`unexpected_type`); validateRecord then judges the value.
 * - NULL on a field is read as "not set" (null), as validateRecord understands it.
 */
export function fromItem(entity: EntityName, item: StoredItem): DecodedItem {
  const issues: ItemIssue[] = [];
  const raw = decodeObject(ENTITY_ITEM_SPECS[entity], item, '', issues, entity === 'analytics' ? ANALYTICS_RESERVED : RESERVED);
  const owner = item[USER_ID_ATTRIBUTE];
  let userId: string | undefined;
  if (owner?.S !== undefined) userId = owner.S;
  else if (owner !== undefined) issues.push(typeIssue(USER_ID_ATTRIBUTE, owner, 'S'));
  if (entity === 'analytics') checkAnalyticsKey(item, raw, userId, issues);
  return { raw, userId, issues };
}

/** Attributes of an item that are not fields of its record: the owner (and analytics' keys). */
const RESERVED: ReadonlySet<string> = new Set([USER_ID_ATTRIBUTE]);
const ANALYTICS_RESERVED: ReadonlySet<string> = new Set([USER_ID_ATTRIBUTE, ...ANALYTICS_KEY_ATTRIBUTES]);
const NONE: ReadonlySet<string> = new Set();

/** Specs are constants: their field list is worked out once (decoding runs per item, per field). */
const specFields = new WeakMap<ObjectItemSpec, readonly (readonly [string, FieldCodec])[]>();

function fieldsOf(spec: ObjectItemSpec): readonly (readonly [string, FieldCodec])[] {
  let fields = specFields.get(spec);
  if (!fields) {
    fields = Object.entries(spec.fields).map(([name, field]) => [name, field.codec] as const);
    specFields.set(spec, fields);
  }
  return fields;
}

function decodeObject(
  spec: ObjectItemSpec,
  attributes: { readonly [name: string]: StoredAttributeValue },
  path: string,
  issues: ItemIssue[],
  reserved: ReadonlySet<string> = NONE,
): PackageJsonObject {
  const result: PackageJsonObject = {};
  for (const [name, codec] of fieldsOf(spec)) {
    const value = attributes[name];
    if (value === undefined) continue;
    const decoded = decodeField(codec, value, join(path, name), issues);
    if (decoded !== undefined) result[name] = decoded;
  }
  for (const name in attributes) {
    if (!Object.prototype.hasOwnProperty.call(attributes, name) || name in spec.fields || reserved.has(name)) continue;
    const value = attributes[name]!;
    const attribute = join(path, name);
    issues.push({
      code: 'unknown_attribute',
      attribute,
      found: attributeTypeOf(value),
      message: `${attribute}: ${spec.typeName} has no such field in the HouseF3 data model; left out of the record`,
    });
  }
  return result;
}

function decodeField(codec: FieldCodec, value: StoredAttributeValue, path: string, issues: ItemIssue[]): PackageJsonValue | undefined {
  if (value.NULL !== undefined) return null;
  const expected = storedType(codec);
  if (attributeTypeOf(value) !== expected) {
    issues.push(typeIssue(path, value, expected));
    return decodeAny(value, path, issues);
  }
  switch (codec.kind) {
    case 'text':
      return value.S;
    case 'decimal':
      // The exact text DynamoDB holds (S as written; N as DynamoDB normalized it).
      return codec.stored === 'S' ? value.S : value.N;
    case 'integer':
    case 'uint64':
      return decodeNumber(value.N as string, path, issues);
    case 'boolean':
      return value.BOOL;
    case 'stringBoolean':
      if (value.S === 'true' || value.S === 'false') return value.S === 'true';
      issues.push({ code: 'unexpected_type', attribute: path, found: 'S', message: `${path}: the text ${JSON.stringify(value.S)}, but HouseF3 stores this flag as "true" or "false"; kept as text` });
      return value.S;
    case 'textList':
      return (value.L ?? []).map((entry, index) => {
        if (entry.S !== undefined) return entry.S;
        issues.push(typeIssue(`${path}[${index}]`, entry, 'S'));
        return decodeAny(entry, `${path}[${index}]`, issues) ?? null;
      });
    case 'decimalList':
      return (value.L ?? []).map((entry, index) => {
        if (entry.N !== undefined) return entry.N;
        issues.push(typeIssue(`${path}[${index}]`, entry, 'N'));
        return decodeAny(entry, `${path}[${index}]`, issues) ?? null;
      });
    case 'json':
      return decodeAny(value, path, issues);
    case 'object':
      return decodeObject(codec.spec, value.M ?? {}, path, issues);
    case 'list':
      return (value.L ?? []).map((entry, index) => {
        const entryPath = `${path}[${index}]`;
        if (entry.M !== undefined) return decodeObject(codec.spec, entry.M, entryPath, issues);
        issues.push(typeIssue(entryPath, entry, 'M'));
        return decodeAny(entry, entryPath, issues) ?? null;
      });
  }
}

/** Any stored value, by its own type (free maps and values of an unexpected type). */
function decodeAny(value: StoredAttributeValue, path: string, issues: ItemIssue[]): PackageJsonValue | undefined {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return decodeNumber(value.N, path, issues);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.L !== undefined) return value.L.map((entry, index) => decodeAny(entry, `${path}[${index}]`, issues) ?? null);
  if (value.M !== undefined) {
    const result: PackageJsonObject = {};
    for (const [key, entry] of Object.entries(value.M)) {
      const decoded = decodeAny(entry, join(path, key), issues);
      if (decoded !== undefined) result[key] = decoded;
    }
    return result;
  }
  if (value.SS !== undefined || value.NS !== undefined) {
    issues.push({
      code: 'unsupported_type',
      attribute: path,
      found: attributeTypeOf(value),
      message: `${path}: a DynamoDB set (${attributeTypeOf(value)}), which a package can only hold as a list; decoded as a list, it would be restored as a list`,
    });
    return value.SS ?? (value.NS ?? []).map((text) => decodeNumber(text, path, issues));
  }
  const found = attributeTypeOf(value);
  issues.push({
    code: 'unsupported_type',
    attribute: path,
    found,
    message: `${path}: ${found ? `a ${found} value` : 'a value of unknown type'}, which a JSON package cannot hold; left out of the record`,
  });
  return undefined;
}

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** An N as a JsonNumber with its exact text; a text outside the JSON grammar stays a string, reported. */
function decodeNumber(text: string, path: string, issues: ItemIssue[]): PackageJsonValue {
  if (JSON_NUMBER.test(text)) return new JsonNumber(text);
  issues.push({
    code: 'unreadable_number',
    attribute: path,
    found: 'N',
    message: `${path}: the number ${JSON.stringify(text)} is not written as a JSON number; kept as text`,
  });
  return text;
}

function checkAnalyticsKey(item: StoredItem, raw: PackageJsonObject, userId: string | undefined, issues: ItemIssue[]): void {
  const { analyticType, timePeriod, accountId } = raw;
  if (userId === undefined || typeof analyticType !== 'string' || typeof timePeriod !== 'string') return;
  const expected = {
    pk: analyticsPartitionKey(userId, analyticType),
    sk: analyticsSortKey(timePeriod, typeof accountId === 'string' ? accountId : undefined),
  };
  for (const key of ANALYTICS_KEY_ATTRIBUTES) {
    const found = item[key]?.S;
    if (found === expected[key]) continue;
    issues.push({
      code: 'inconsistent_key',
      attribute: key,
      found: item[key] ? attributeTypeOf(item[key]) : undefined,
      message: `${key}: found ${found === undefined ? 'no text' : JSON.stringify(found)}, but the item's fields give ${JSON.stringify(expected[key])}`,
    });
  }
}

function typeIssue(path: string, value: StoredAttributeValue, expected: string): ItemIssue {
  const found = attributeTypeOf(value);
  return {
    code: 'unexpected_type',
    attribute: path,
    found,
    message: `${path}: stored as ${found ?? 'an unknown type'}, but HouseF3 stores it as ${expected}; decoded as found`,
  };
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}
