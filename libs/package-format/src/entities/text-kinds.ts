import { INVALID, Kind, found } from './kind';
import { codePointLength, hasUnpairedSurrogate } from './unicode';
import { describeText } from './validation-issue';

/** Length ceiling of free text the data model leaves unbounded (well inside DynamoDB's 400 KB item). */
export const UNBOUNDED_TEXT_MAX = 32_768;

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const RULE_ID = /^rule_[0-9a-f]{8}$/;


export interface TextOptions {
  /** Least code points (default 0). */
  readonly minLength?: number;
  /** Most code points (default UNBOUNDED_TEXT_MAX). */
  readonly maxLength?: number;
  /** Most UTF-8 bytes (S3 keys). */
  readonly maxBytes?: number;
  /** Extra rule on the content: returns a phrase saying what is wrong, or undefined. */
  readonly refine?: (text: string) => string | undefined;
  /** Description of the allowed content when refine or a format is involved. */
  readonly allowed?: string;
}

/** Unicode text (no unpaired surrogates: DynamoDB and Python need valid UTF-8), length in code points. */
export function text(options: TextOptions = {}): Kind<string> {
  const minLength = options.minLength ?? 0;
  const maxLength = options.maxLength ?? UNBOUNDED_TEXT_MAX;
  const bounds = minLength > 0 ? `${minLength} to ${maxLength} characters` : `at most ${maxLength} characters`;
  const allowed = options.allowed ? `${options.allowed}, ${bounds}` : `a text of ${bounds}`;
  return {
    allowed,
    parse(value, at) {
      if (typeof value !== 'string') {
        at.error('wrong_type', found(value, allowed));
        return INVALID;
      }
      if (hasUnpairedSurrogate(value)) {
        at.error('bad_format', `found a text with an unpaired UTF-16 surrogate, which is not valid Unicode; allowed: ${allowed}`);
        return INVALID;
      }
      // Every code point takes one or two UTF-16 units: skip the count when the text is far too long.
      const length = value.length > maxLength * 2 ? undefined : codePointLength(value);
      if (length === undefined || length > maxLength) {
        const shown = length === undefined ? `more than ${maxLength * 2}` : String(length);
        at.error('too_long', `found a text of ${shown} characters; allowed: at most ${maxLength} characters`);
        return INVALID;
      }
      if (length < minLength) {
        at.error('too_short', `found ${describeText(value)}; allowed: at least ${minLength} character${minLength === 1 ? '' : 's'}`);
        return INVALID;
      }
      if (options.maxBytes !== undefined) {
        const bytes = Buffer.byteLength(value, 'utf8');
        if (bytes > options.maxBytes) {
          at.error('too_long', `found a text of ${bytes} UTF-8 bytes; allowed: at most ${options.maxBytes} bytes`);
          return INVALID;
        }
      }
      const problem = options.refine?.(value);
      if (problem !== undefined) {
        at.error('bad_format', `found ${describeText(value)}, which ${problem}; allowed: ${allowed}`);
        return INVALID;
      }
      return value;
    },
  };
}

/** Text matching a pattern exactly. */
export function patterned(pattern: RegExp, allowed: string, hint?: (value: string) => string | undefined): Kind<string> {
  return {
    allowed,
    parse(value, at) {
      if (typeof value !== 'string') {
        at.error('wrong_type', found(value, allowed));
        return INVALID;
      }
      if (!pattern.test(value)) {
        const extra = hint?.(value);
        at.error('bad_format', `found ${describeText(value)}${extra ? ` (${extra})` : ''}; allowed: ${allowed}`);
        return INVALID;
      }
      return value;
    },
  };
}

/** An entity ID: a lower-case UUID version 4, as HouseF3's uuid4() writes them. */
export function uuid(): Kind<string> {
  return patterned(
    UUID_V4,
    'a lower-case UUID version 4, like "4fdbd757-53b4-4a58-a2d4-551c2419149a"',
    (value) => (UUID_V4.test(value.toLowerCase()) ? 'upper-case letters are not allowed' : undefined),
  );
}

/** A category rule ID: "rule_" and 8 lower-case hex digits. */
export function ruleId(): Kind<string> {
  return patterned(RULE_ID, '"rule_" followed by 8 lower-case hex digits, like "rule_1a2b3c4d"');
}

/** One of a fixed set of strings (case-sensitive). */
export function enumOf<const V extends string>(values: readonly V[]): Kind<V> {
  const allowed = `one of ${values.join(', ')}`;
  return {
    allowed,
    parse(value, at) {
      if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as V;
      if (typeof value !== 'string') {
        at.error('wrong_type', found(value, allowed));
        return INVALID;
      }
      const sameIgnoringCase = values.find((v) => v.toLowerCase() === value.toLowerCase());
      const hint = sameIgnoringCase ? ` (values are case-sensitive: did you mean ${sameIgnoringCase}?)` : '';
      at.error('not_allowed_value', `found ${describeText(value)}${hint}; allowed: ${allowed}`);
      return INVALID;
    },
  };
}
