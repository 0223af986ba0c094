import type { FieldCursor } from './field-cursor';
import { describeValue } from './validation-issue';

/** Marks a value that failed validation (its issues are already reported). */
export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

/** How one field's value is checked and converted. */
export interface Kind<T> {
  /** What is allowed, in words, for messages and docs: "a whole number from 0 to 100". */
  readonly allowed: string;
  /** Checks a raw package value; reports issues at `at` and returns INVALID, or the record value. */
  parse(value: unknown, at: FieldCursor): T | Invalid;
  /** Rebuilds a record value with canonical key order (objects and lists only). */
  reorder?(value: T): T;
}

/** "found <value>; allowed: <allowed>", the common shape of a message. */
export function found(value: unknown, allowed: string): string {
  return `found ${describeValue(value)}; allowed: ${allowed}`;
}

export function boolean(): Kind<boolean> {
  const allowed = 'true or false';
  return {
    allowed,
    parse(value, at) {
      if (typeof value === 'boolean') return value;
      at.error('wrong_type', found(value, allowed));
      return INVALID;
    },
  };
}
