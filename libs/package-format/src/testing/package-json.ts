import { JsonNumber, isJsonNumber } from '../json/json-number';
import type { PackageJsonValue } from '../entities/json-value';

/**
 * A record as the package reader would hand it over: every number (JS number or bigint) becomes a
 * JsonNumber with its exact text, undefined fields disappear. Use it to feed built records to
 * validateRecord: `validateRecord('transactions', toPackageJson(buildTransaction()))`.
 */
export function toPackageJson(value: unknown): PackageJsonValue {
  if (typeof value === 'bigint') return new JsonNumber(value.toString());
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`toPackageJson: ${value} is not a JSON number`);
    return new JsonNumber(String(value));
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || isJsonNumber(value)) return value;
  if (Array.isArray(value)) return value.map((entry: unknown) => toPackageJson(entry));
  if (typeof value === 'object') {
    const result: Record<string, PackageJsonValue> = {};
    for (const [key, entry] of Object.entries(value)) {
      if (entry !== undefined) result[key] = toPackageJson(entry);
    }
    return result;
  }
  throw new TypeError(`toPackageJson: a ${typeof value} is not JSON`);
}
