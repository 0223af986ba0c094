import { isJsonNumber } from '../json/json-number';
import type { EntityName } from './entity-name';

/** Machine-readable kind of a validation issue (the message says the same for people). */
export type ValidationIssueCode =
  /** The record or a nested value is not a JSON object. */
  | 'not_an_object'
  /** A required field is absent or null. */
  | 'missing'
  /** Wrong JSON type (a number where text is expected, a number that lost precision, ...). */
  | 'wrong_type'
  /** Not one of an enum's values. */
  | 'not_allowed_value'
  | 'too_short'
  | 'too_long'
  /** Text of the right type in the wrong format (UUID, decimal, date, ...). */
  | 'bad_format'
  /** A number outside its range. */
  | 'out_of_range'
  /** A field HouseF3 does not know. */
  | 'unknown_field'
  /** Fields of one record disagree (currency missing for a balance, statusDate, ...). */
  | 'inconsistent'
  /** transactionHash does not match accountId/date/amount/description (a warning). */
  | 'hash_mismatch'
  /** transactionHash was absent and has been computed (a warning). */
  | 'hash_computed'
  /** More issues than options.maxIssues: the rest were counted, not listed. */
  | 'too_many_issues';

/** One problem found in one record. */
export interface ValidationIssue {
  entity: EntityName;
  /** The record's ID when it could be read (analytics: `${analyticType}#${timePeriod}#${accountId ?? 'ALL'}`). */
  id?: string;
  /** Position of the record in its entity file, when the caller passed options.index. */
  index?: number;
  /** Path of the field inside the record, e.g. `categories[2].confidence`; '' for the record itself. */
  field: string;
  code: ValidationIssueCode;
  /** A sentence for end users and SREs: where, what was found (truncated), what is allowed. */
  message: string;
  severity: 'error' | 'warning';
}

/** What to do with a field HouseF3 does not know. */
export type UnknownFieldPolicy = 'error' | 'strip';

export interface ValidateOptions {
  /**
   * 'error' (default): an unknown field is an error and the record is refused.
   * 'strip': an unknown field is dropped and reported as a warning.
   * Either way no unknown field ever reaches the validated record, so import never writes an
   * attribute HouseF3 does not know.
   */
  unknownFields?: UnknownFieldPolicy;
  /**
   * Top-level fields dropped silently whatever the policy, e.g. LEGACY_FZIP_DECORATION_FIELDS
   * for HouseF3's own backups. Nested objects are not affected.
   */
  ignoreFields?: readonly string[];
  /** Position of the record in its entity file; used in messages (`transactions[17].amount`). */
  index?: number;
  /** Check transactionHash against the fields it is computed from (default true). */
  checkTransactionHash?: boolean;
  /** Most issues listed per record (default 50); the rest are summed up in one last issue. */
  maxIssues?: number;
}

const MAX_SHOWN_TEXT = 60;

/**
 * A short, safe description of a value found in a package, for messages: strings are quoted and
 * truncated, big structures are summarized, never echoed.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return describeText(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' || typeof value === 'bigint') return `the number ${truncate(String(value))}`;
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (isJsonNumber(value)) return `the number ${truncate(value.text)}`;
  if (typeof value === 'object') return 'an object';
  return `a value of type ${typeof value}`;
}

/** A quoted, escaped, truncated rendering of a text: `"abc"` or `"abcd…" (1234 characters)`. */
export function describeText(text: string): string {
  if (text.length === 0) return 'an empty text';
  if (text.length <= MAX_SHOWN_TEXT) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, MAX_SHOWN_TEXT))}… (${text.length} characters)`;
}

function truncate(text: string): string {
  return text.length <= MAX_SHOWN_TEXT ? text : `${text.slice(0, MAX_SHOWN_TEXT)}… (${text.length} characters)`;
}
