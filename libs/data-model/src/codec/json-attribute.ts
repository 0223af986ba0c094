import { JsonNumber, PackageJsonValue, isJsonNumber } from '@housef3/package-format';
import type { AttributeValue } from './attribute-value';

/**
 * A free JSON value (analytics `data`) as DynamoDB stores it: string S, JsonNumber N (its exact
 * text), finite JS number N, boolean BOOL, null NULL, list L, object M. Returns a phrase instead
 * when a value cannot be stored (NaN, a function, ...), with the path where it was found.
 */
export function jsonToAttribute(value: PackageJsonValue, path: string): AttributeValue | { problem: string; path: string } {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'boolean') return { BOOL: value };
  if (isJsonNumber(value)) return { N: value.text };
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { N: String(value) } : { problem: `${String(value)} is not a number DynamoDB stores`, path };
  }
  if (Array.isArray(value)) {
    const items: AttributeValue[] = [];
    for (const [index, entry] of value.entries()) {
      const encoded = jsonToAttribute(entry, `${path}[${index}]`);
      if ('problem' in encoded) return encoded;
      items.push(encoded);
    }
    return { L: items };
  }
  if (typeof value === 'object' && !(value instanceof JsonNumber)) {
    const map: { [name: string]: AttributeValue } = {};
    for (const [key, entry] of Object.entries(value)) {
      if (entry === undefined) continue;
      const encoded = jsonToAttribute(entry, `${path}.${key}`);
      if ('problem' in encoded) return encoded;
      map[key] = encoded;
    }
    return { M: map };
  }
  return { problem: `a ${typeof value} is not JSON`, path };
}
