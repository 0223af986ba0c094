import type { JsonNumber } from './json-number';

/** A JSON value as the package reader produces it: numbers stay exact (JsonNumber). */
export type JsonValue = string | boolean | null | JsonNumber | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}
