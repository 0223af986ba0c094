import { decimalStringProblem } from '../decimal/decimal-string';
import { JsonNumber, isJsonNumber } from '../json/json-number';
import type { FieldCursor } from './field-cursor';
import { INVALID, Kind } from './field-kinds';
import { isPlainObject } from './object-spec';
import { hasUnpairedSurrogate } from './unicode';
import { describeText, describeValue } from './validation-issue';

/** A JSON value as the package reader produces it: numbers stay JsonNumber (plain numbers accepted too). */
export type PackageJsonValue = string | boolean | null | JsonNumber | number | PackageJsonValue[] | PackageJsonObject;
export interface PackageJsonObject {
  [key: string]: PackageJsonValue;
}

/** DynamoDB nests lists and maps at most 32 levels deep. */
export const MAX_JSON_DEPTH = 32;

/**
 * A free JSON object (analytics `data`), kept losslessly: the validated record holds the very
 * same value, JsonNumber values included. Checked only for what DynamoDB could not store:
 * nesting deeper than 32, empty keys, invalid Unicode, numbers DynamoDB cannot hold, non-JSON values.
 */
export function jsonObject(): Kind<PackageJsonObject> {
  const allowed = 'a JSON object (free map of strings, numbers, booleans, null, lists and objects)';
  return {
    allowed,
    parse(value, at) {
      if (!isPlainObject(value)) {
        at.error('not_an_object', `found ${describeValue(value)}; allowed: ${allowed}`);
        return INVALID;
      }
      return checkJson(value, at, 1) ? (value as PackageJsonObject) : INVALID;
    },
  };
}

function checkJson(value: unknown, at: FieldCursor, depth: number): boolean {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'string') {
    if (!hasUnpairedSurrogate(value)) return true;
    at.error('bad_format', 'found a text with an unpaired UTF-16 surrogate, which is not valid Unicode');
    return false;
  }
  if (isJsonNumber(value) || typeof value === 'number') {
    const textValue = isJsonNumber(value) ? value.text : Number.isFinite(value) ? String(value) : undefined;
    const problem = textValue === undefined ? 'is not a finite number' : decimalStringProblem(textValue);
    if (problem === undefined) return true;
    at.error('out_of_range', `found ${describeValue(value)}, which ${problem}`);
    return false;
  }
  const isList = Array.isArray(value);
  if (!isList && !isPlainObject(value)) {
    at.error('wrong_type', `found ${describeValue(value)}; allowed: a JSON value`);
    return false;
  }
  if (depth > MAX_JSON_DEPTH) {
    at.error('out_of_range', `nests lists and objects more than ${MAX_JSON_DEPTH} levels deep, more than DynamoDB stores`);
    return false;
  }
  let valid = true;
  if (isList) {
    value.forEach((entry: unknown, index) => {
      valid = checkJson(entry, at.item(index), depth + 1) && valid;
    });
    return valid;
  }
  for (const [key, entry] of Object.entries(value)) {
    if (key.length === 0 || hasUnpairedSurrogate(key)) {
      at.error('bad_format', `has the key ${describeText(key)}; allowed: non-empty Unicode keys`);
      valid = false;
      continue;
    }
    valid = checkJson(entry, at.field(key), depth + 1) && valid;
  }
  return valid;
}
