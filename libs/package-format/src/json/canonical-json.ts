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

/*
 * The encoder runs once per field of every exported record, so it avoids work that only an error
 * needs: the path of a value (`$.x.y[2]`) is built from its parent's path and its key only when a
 * value is refused or an object or array is entered, and the JSON text of each key of a KeyOrder
 * is computed once per KeyOrder.
 */
function encode(value: unknown, keyOrder: KeyOrder | undefined, parent: string, key?: string | number): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new NotJsonError(pathOf(parent, key), `${value} is not a finite number`);
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (value instanceof JsonNumber) return value.text;
      if (Array.isArray(value)) return encodeArray(value, keyOrder, pathOf(parent, key));
      if (!isPlainObject(value)) throw new NotJsonError(pathOf(parent, key), `a ${value.constructor?.name ?? 'non-plain object'} has no JSON form; use ms integers and decimal strings`);
      return encodeObject(value as Record<string, unknown>, keyOrder, pathOf(parent, key));
    default:
      throw new NotJsonError(pathOf(parent, key), `${typeof value} has no JSON form`);
  }
}

/** `$.a` for a key, `$[0]` for an index, the parent itself for none (the root). */
function pathOf(parent: string, key: string | number | undefined): string {
  return key === undefined ? parent : typeof key === 'number' ? `${parent}[${key}]` : `${parent}.${key}`;
}

function encodeArray(items: readonly unknown[], keyOrder: KeyOrder | undefined, path: string): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    if (items[i] === undefined) throw new NotJsonError(`${path}[${i}]`, 'undefined inside an array has no JSON form');
    out += (i === 0 ? '' : ',') + encode(items[i], keyOrder, path, i);
  }
  return out + ']';
}

interface CompiledOrder {
  readonly known: ReadonlySet<string>;
  /** JSON.stringify of each of `keys`, in the same order. */
  readonly quoted: readonly string[];
}

const COMPILED = new WeakMap<KeyOrder, CompiledOrder>();

function compiled(keyOrder: KeyOrder): CompiledOrder {
  let c = COMPILED.get(keyOrder);
  if (c === undefined) {
    c = { known: new Set(keyOrder.keys), quoted: keyOrder.keys.map((k) => JSON.stringify(k)) };
    COMPILED.set(keyOrder, c);
  }
  return c;
}

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

function encodeObject(object: Record<string, unknown>, keyOrder: KeyOrder | undefined, path: string): string {
  let out = '{';
  let first = true;
  const member = (key: string, quotedKey: string, order: KeyOrder | undefined) => {
    const value = object[key];
    if (value === undefined) return;
    out += (first ? '' : ',') + quotedKey + ':' + encode(value, order, path, key);
    first = false;
  };
  const keys = Object.keys(object);
  if (keyOrder === undefined) {
    for (const key of keys.sort(compareCodeUnits)) member(key, JSON.stringify(key), undefined);
    return out + '}';
  }
  // the named keys first, in their order; then any other key, sorted
  const { known, quoted } = compiled(keyOrder);
  const ordered = keyOrder.keys;
  for (let i = 0; i < ordered.length; i++) {
    const key = ordered[i] as string;
    if (hasOwn(object, key)) member(key, quoted[i] as string, keyOrder.nested?.[key]);
  }
  let unknown = 0;
  for (const key of keys) if (!known.has(key)) unknown++;
  if (unknown > 0) for (const key of keys.filter((k) => !known.has(k)).sort(compareCodeUnits)) member(key, JSON.stringify(key), keyOrder.nested?.[key]);
  return out + '}';
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
