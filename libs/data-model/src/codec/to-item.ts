import {
  AnalyticsRecord,
  EntityName,
  EntityRecordOf,
  MAX_TRANSACTION_HASH,
  PackageJsonValue,
  Transaction,
  decimalStringProblem,
  deriveStatusDate,
  isJsonNumber,
} from '@housef3/package-format';
import { analyticsPartitionKey, analyticsSortKey } from './analytics-key';
import type { AttributeValue, Item } from './attribute-value';
import { ENTITY_ITEM_SPECS, USER_ID_ATTRIBUTE } from './entity-item-specs';
import type { FieldCodec, ObjectItemSpec } from './field-codec';
import { ItemCodecError } from './item-codec-error';
import { jsonToAttribute } from './json-attribute';

/**
 * The DynamoDB item HouseF3 stores for a record, attribute types exactly as HouseF3 writes them
 * (see entity-item-specs.ts and docs/dynamodb-codec.md):
 * - `userId` is the given user, never the record's own userId (which is ignored);
 * - transactions: `statusDate` is derived from status and date and written; a record whose
 *   statusDate disagrees is refused;
 * - analytics: `pk` = `${userId}#${analyticType}`, `sk` = `${timePeriod}#${accountId ?? 'ALL'}`;
 * - optional fields that are not set are absent (never NULL); no other attribute is added;
 * - decimals keep their exact text ("-3.50" is written as N "-3.50": DynamoDB itself then
 *   normalizes top-level numbers to "-3.5"); transactionHash is written from the bigint's digits.
 *
 * Give it validated records (validateRecord's output or the test builders'). Throws an
 * ItemCodecError naming the field when a value has the wrong type or shape.
 */
export function toItem<E extends EntityName>(entity: E, record: EntityRecordOf<E>, userId: string): Item {
  if (typeof userId !== 'string' || userId.length === 0) throw new ItemCodecError(entity, USER_ID_ATTRIBUTE, 'the owner must be a non-empty user ID');
  const fields = entity === 'transactions' ? { ...record, statusDate: statusDateOf(record as Transaction) } : record;
  const item: Item = encodeObject(ENTITY_ITEM_SPECS[entity], fields as unknown as Readonly<Record<string, unknown>>, '');
  item[USER_ID_ATTRIBUTE] = { S: userId };
  if (entity === 'analytics') {
    const analytics = record as AnalyticsRecord;
    item.pk = { S: analyticsPartitionKey(userId, analytics.analyticType) };
    item.sk = { S: analyticsSortKey(analytics.timePeriod, analytics.accountId) };
  }
  return item;
}

function statusDateOf(transaction: Transaction): string {
  const derived = deriveStatusDate(transaction.status, transaction.date);
  if (transaction.statusDate !== undefined && transaction.statusDate !== derived) {
    throw new ItemCodecError('Transaction', 'statusDate', `is ${JSON.stringify(transaction.statusDate)}, but status and date give ${JSON.stringify(derived)}`);
  }
  return derived;
}

function encodeObject(spec: ObjectItemSpec, value: Readonly<Record<string, unknown>>, path: string): { [name: string]: AttributeValue } {
  const result: { [name: string]: AttributeValue } = {};
  for (const [name, field] of Object.entries(spec.fields)) {
    const fieldPath = path ? `${path}.${name}` : name;
    const fieldValue = value[name];
    if (fieldValue === undefined || fieldValue === null) {
      if (!field.optional) throw new ItemCodecError(spec.typeName, fieldPath, 'is required but not set');
      continue;
    }
    result[name] = encodeField(spec.typeName, field.codec, fieldValue, fieldPath);
  }
  return result;
}

function encodeField(typeName: string, codec: FieldCodec, value: unknown, path: string): AttributeValue {
  const fail = (detail: string): never => {
    throw new ItemCodecError(typeName, path, detail);
  };
  switch (codec.kind) {
    case 'text':
      return typeof value === 'string' ? { S: value } : fail(`expected a string, found ${describe(value)}`);
    case 'decimal': {
      if (typeof value !== 'string') return fail(`expected a decimal string, found ${describe(value)} (money never travels as a JS number)`);
      const problem = decimalStringProblem(value);
      if (problem !== undefined) return fail(`${JSON.stringify(value)} ${problem}`);
      return codec.stored === 'S' ? { S: value } : { N: value };
    }
    case 'integer':
      return Number.isSafeInteger(value) ? { N: String(value) } : fail(`expected a safe integer, found ${describe(value)}`);
    case 'uint64':
      if (typeof value !== 'bigint') return fail(`expected a bigint, found ${describe(value)} (a JS number loses digits beyond 2^53)`);
      return value >= 0n && value <= MAX_TRANSACTION_HASH ? { N: value.toString() } : fail(`${value} is outside 0 .. 2^64-1`);
    case 'boolean':
      return typeof value === 'boolean' ? { BOOL: value } : fail(`expected a boolean, found ${describe(value)}`);
    case 'stringBoolean':
      return typeof value === 'boolean' ? { S: value ? 'true' : 'false' } : fail(`expected a boolean, found ${describe(value)}`);
    case 'textList':
      if (!Array.isArray(value)) return fail(`expected a list, found ${describe(value)}`);
      return { L: value.map((entry: unknown, index) => (typeof entry === 'string' ? { S: entry } : fail(`[${index}] expected a string, found ${describe(entry)}`))) };
    case 'decimalList':
      if (!Array.isArray(value)) return fail(`expected a list, found ${describe(value)}`);
      return {
        L: value.map((entry: unknown, index) => {
          if (typeof entry !== 'string') return fail(`[${index}] expected a decimal string, found ${describe(entry)}`);
          const problem = decimalStringProblem(entry);
          return problem === undefined ? { N: entry } : fail(`[${index}] ${JSON.stringify(entry)} ${problem}`);
        }),
      };
    case 'json': {
      if (!isObject(value) || isJsonNumber(value)) return fail(`expected a JSON object, found ${describe(value)}`);
      const encoded = jsonToAttribute(value as PackageJsonValue, path);
      return 'problem' in encoded ? fail(`${encoded.path}: ${encoded.problem}`) : encoded;
    }
    case 'object':
      return isObject(value) ? { M: encodeObject(codec.spec, value, path) } : fail(`expected an object, found ${describe(value)}`);
    case 'list':
      if (!Array.isArray(value)) return fail(`expected a list, found ${describe(value)}`);
      return {
        L: value.map((entry: unknown, index) => {
          const entryPath = `${path}[${index}]`;
          if (!isObject(entry)) throw new ItemCodecError(typeName, entryPath, `expected an object, found ${describe(entry)}`);
          return { M: encodeObject(codec.spec, entry, entryPath) };
        }),
      };
  }
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'bigint') return `the ${typeof value} ${String(value)}`;
  return `a ${typeof value}`;
}
