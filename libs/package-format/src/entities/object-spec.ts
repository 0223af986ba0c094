import { isJsonNumber } from '../json/json-number';
import { NO_NAMES, type FieldCursor } from './field-cursor';
import { INVALID, Invalid, Kind } from './field-kinds';
import { describeValue } from './validation-issue';

/**
 * How a field may be absent from a package:
 * - required: absent or null is an error;
 * - optional: absent or null means "not set" (the record omits it);
 * - defaulted: absent or null takes HouseF3's documented default;
 * - derived: absent or null is computed from other fields by the object's check.
 */
export type Presence = 'required' | 'optional' | 'defaulted' | 'derived';

export interface FieldSpec<V> {
  readonly kind: Kind<V>;
  readonly presence: Presence;
  readonly defaultValue?: V;
}

/**
 * One FieldSpec per property of T, in canonical (writing) order. The compiler checks that every
 * property has a spec of the right value type, and that optional properties (and only those)
 * are 'optional'.
 */
export type FieldSpecs<T> = {
  readonly [K in keyof T]-?: FieldSpec<Exclude<T[K], undefined>> &
    (undefined extends T[K] ? { readonly presence: 'optional' } : { readonly presence: 'required' | 'defaulted' | 'derived' });
};

export interface ObjectSpec<T> {
  /** Name used in messages and docs: "Account", "CategoryRule". */
  readonly typeName: string;
  readonly fields: FieldSpecs<T>;
  /**
   * Rules between the fields of one object. Runs on the fields that parsed (others are absent;
   * `raw` tells absent from invalid), reports through `at`, and fills 'derived' fields.
   */
  readonly check?: (value: Partial<T>, at: FieldCursor, raw: Readonly<Record<string, unknown>>) => void;
}

export function required<V>(kind: Kind<V>): FieldSpec<V> & { readonly presence: 'required' } {
  return { kind, presence: 'required' };
}

export function optional<V>(kind: Kind<V>): FieldSpec<V> & { readonly presence: 'optional' } {
  return { kind, presence: 'optional' };
}

export function withDefault<V>(kind: Kind<V>, defaultValue: V): FieldSpec<V> & { readonly presence: 'defaulted' } {
  return { kind, presence: 'defaulted', defaultValue };
}

export function derived<V>(kind: Kind<V>): FieldSpec<V> & { readonly presence: 'derived' } {
  return { kind, presence: 'derived' };
}

/** A JSON object as the package reader gives it (not an array, not a JsonNumber). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || isJsonNumber(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The field names of a spec, in canonical order. */
export function specFieldNames(spec: { readonly fields: object }): readonly string[] {
  return Object.keys(spec.fields);
}

interface SpecLayout {
  readonly entries: readonly (readonly [string, FieldSpec<unknown>])[];
  /** Fields the object's check may fill ('derived'): filled, they go back into canonical order. */
  readonly derived: readonly string[];
}

/** Specs are constants: their field list is worked out once (validation runs per record, per field). */
const layouts = new WeakMap<object, SpecLayout>();

function layoutOf<T>(spec: ObjectSpec<T>): SpecLayout {
  let layout = layouts.get(spec);
  if (!layout) {
    const entries = Object.entries(spec.fields as Record<string, FieldSpec<unknown>>);
    layout = { entries, derived: entries.filter(([, f]) => f.presence === 'derived').map(([name]) => name) };
    layouts.set(spec, layout);
  }
  return layout;
}


/**
 * Validates a JSON object against a spec: known fields are checked in canonical order, unknown
 * ones are refused or dropped (policy of the collector), `ignore` names are dropped silently.
 * Returns a new object holding only known fields, or INVALID when any error was reported.
 */
export function parseObject<T>(spec: ObjectSpec<T>, value: unknown, at: FieldCursor, ignore: ReadonlySet<string> = NO_NAMES): T | Invalid {
  if (!isPlainObject(value)) {
    at.error('not_an_object', `found ${describeValue(value)}; allowed: a JSON object (${spec.typeName})`);
    return INVALID;
  }
  const errorsBefore = at.collector.errorCount;
  const result: Record<string, unknown> = {};
  const layout = layoutOf(spec);
  for (const [name, field] of layout.entries) {
    const raw = Object.prototype.hasOwnProperty.call(value, name) ? value[name] : undefined;
    if (raw === undefined || raw === null) {
      if (field.presence === 'required') {
        const what = raw === null ? 'found null' : 'is missing';
        at.field(name).error('missing', `${what}; required: ${field.kind.allowed}`);
      } else if (field.presence === 'defaulted') {
        result[name] = field.defaultValue;
      }
      continue;
    }
    const parsed = field.kind.parse(raw, at.field(name));
    if (parsed !== INVALID) result[name] = parsed;
  }
  for (const name of Object.keys(value)) {
    if (Object.prototype.hasOwnProperty.call(spec.fields, name) || ignore.has(name)) continue;
    reportUnknownField(spec, name, at);
  }
  // Fields were set in canonical order; a derived one the check fills goes back into it.
  const filling = layout.derived.some((name) => result[name] === undefined);
  spec.check?.(result as Partial<T>, at, value);
  if (at.collector.errorCount !== errorsBefore) return INVALID;
  if (!filling) return result as T;
  const ordered: Record<string, unknown> = {};
  for (const [name] of layout.entries) {
    if (result[name] !== undefined) ordered[name] = result[name];
  }
  return ordered as T;
}

function reportUnknownField<T>(spec: ObjectSpec<T>, name: string, at: FieldCursor): void {
  const cursor = at.field(name);
  if (at.collector.unknownFields === 'strip') {
    cursor.warning('unknown_field', `is not a field of ${spec.typeName}; dropped`);
    return;
  }
  cursor.error(
    'unknown_field',
    `is not a field of ${spec.typeName}, and import never writes attributes HouseF3 does not know; allowed fields: ${specFieldNames(spec).join(', ')}`,
  );
}

/** Rebuilds an object in the spec's key order, keeping only set, known fields (recursively). */
export function reorderObject<T>(spec: ObjectSpec<T>, value: T): T {
  const source = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const [name, field] of layoutOf(spec).entries) {
    const fieldValue = source[name];
    if (fieldValue === undefined) continue;
    result[name] = field.kind.reorder ? field.kind.reorder(fieldValue) : fieldValue;
  }
  return result as T;
}

/** A nested JSON object validated by a spec. */
export function object<T>(spec: ObjectSpec<T>): Kind<T> & { readonly spec: ObjectSpec<T> } {
  return {
    spec,
    allowed: `a JSON object (${spec.typeName})`,
    parse: (value, at) => parseObject(spec, value, at),
    reorder: (value) => reorderObject(spec, value),
  };
}

/** A JSON array whose items all follow `item`. */
export function list<T>(item: Kind<T>, options: { readonly minItems?: number } = {}): Kind<T[]> & { readonly item: Kind<T> } {
  const minItems = options.minItems ?? 0;
  const allowed = `a list${minItems > 0 ? ` of at least ${minItems}` : ''} of ${item.allowed}`;
  return {
    item,
    allowed,
    parse(value, at) {
      if (!Array.isArray(value)) {
        at.error('wrong_type', `found ${describeValue(value)}; allowed: ${allowed}`);
        return INVALID;
      }
      if (value.length < minItems) {
        at.error('too_short', `found ${describeValue(value)}; allowed: ${allowed}`);
        return INVALID;
      }
      const result: T[] = [];
      let valid = true;
      value.forEach((entry: unknown, index) => {
        const parsed = item.parse(entry, at.item(index));
        if (parsed === INVALID) valid = false;
        else result.push(parsed);
      });
      return valid ? result : INVALID;
    },
    reorder(value) {
      const reorderItem = item.reorder;
      return reorderItem ? value.map((entry) => reorderItem(entry)) : value;
    },
  };
}
