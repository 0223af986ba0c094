import { JsonNumber } from './json-number';

/**
 * Deterministic JSON text of a record: the same value always gives the same bytes.
 *
 * - object keys: those named in `keyOrder` first, in that order, then the rest sorted by code
 *   unit; nested objects follow `keyOrder.nested`, or are sorted (free maps). `undefined` members are omitted (absent optional fields).
 * - bigint is written as a bare integer (transactionHash), JsonNumber as its exact text, numbers
 *   with JSON.stringify (finite only), strings with JSON.stringify (lone surrogates escaped).
 * Anything else (Date, Map, functions, NaN, undefined in arrays) is refused: records carry ms
 * integers and decimal strings, and nothing may be silently converted.
 */
export function canonicalJson(value: unknown, keyOrder?: KeyOrder): string {
  return encode(value, keyOrder, '$');
}

/**
 * The key order of an object: `keys` first, in that order (then any other key, sorted), and the
 * order of objects nested under some of its fields (applied to each element of an array field).
 */
export interface KeyOrder {
  readonly keys: readonly string[];
  readonly nested?: Readonly<Record<string, KeyOrder>>;
}

/** Thrown for a value that has no canonical JSON form; `path` points at it (`$.categories[0]`). */
export class NotJsonError extends Error {
  override readonly name = 'NotJsonError';
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

function encode(value: unknown, keyOrder: KeyOrder | undefined, path: string): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new NotJsonError(path, `${value} is not a finite number`);
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (value instanceof JsonNumber) return value.text;
      if (Array.isArray(value)) return encodeArray(value, keyOrder, path);
      if (!isPlainObject(value)) throw new NotJsonError(path, `a ${value.constructor?.name ?? 'non-plain object'} has no JSON form; use ms integers and decimal strings`);
      return encodeObject(value as Record<string, unknown>, keyOrder, path);
    default:
      throw new NotJsonError(path, `${typeof value} has no JSON form`);
  }
}

function encodeArray(items: readonly unknown[], keyOrder: KeyOrder | undefined, path: string): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    if (items[i] === undefined) throw new NotJsonError(`${path}[${i}]`, 'undefined inside an array has no JSON form');
    out += (i === 0 ? '' : ',') + encode(items[i], keyOrder, `${path}[${i}]`);
  }
  return out + ']';
}

function encodeObject(object: Record<string, unknown>, keyOrder: KeyOrder | undefined, path: string): string {
  let out = '{';
  let first = true;
  for (const key of orderedKeys(object, keyOrder)) {
    const member = object[key];
    if (member === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + encode(member, keyOrder?.nested?.[key], `${path}.${key}`);
    first = false;
  }
  return out + '}';
}

const KNOWN_KEYS = new WeakMap<KeyOrder, ReadonlySet<string>>();

function orderedKeys(object: Record<string, unknown>, keyOrder: KeyOrder | undefined): string[] {
  const keys = Object.keys(object);
  if (keyOrder === undefined) return keys.sort(compareCodeUnits);
  let known = KNOWN_KEYS.get(keyOrder);
  if (known === undefined) {
    known = new Set(keyOrder.keys);
    KNOWN_KEYS.set(keyOrder, known);
  }
  const first = keyOrder.keys.filter((key) => Object.prototype.hasOwnProperty.call(object, key));
  const rest = keys.filter((key) => !(known as ReadonlySet<string>).has(key)).sort(compareCodeUnits);
  return rest.length === 0 ? first : first.concat(rest);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
