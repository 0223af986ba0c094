import { PackageError } from '../errors';
import type { PackageLimits } from '../limits';
import { JsonNumber } from './json-number';
import type { JsonToken } from './json-tokenizer';
import type { JsonObject, JsonValue } from './json-value';

type Frame = ({ readonly object: JsonObject; key: string | undefined } | { readonly array: JsonValue[] }) & { members: number };

/** Where the value being assembled sits, for messages ("data/transactions.json, record 12"). */
export interface AssemblyContext {
  readonly entry: string;
  /** Depth of the value's own container in the document (0 for a root value). */
  readonly baseDepth: number;
  /** Caps the number of values in the assembled value (records), or not (undefined). */
  readonly maxValues?: number;
  /**
   * Caps the bytes of the assembled value (records), or not (undefined): counted as its compact
   * JSON text in UTF-8 (strings and keys by their UTF-8 bytes with quotes, numbers by their
   * literal, brackets, colons and commas), escapes counted as the characters they stand for.
   */
  readonly maxBytes?: number;
  describe(): string;
}

/**
 * Builds one JSON value from streamed tokens while enforcing the caps: nesting depth, string, key
 * and number length (counted chunk by chunk, so nothing longer than a cap is ever held), the
 * number of values, and the value's bytes (counted as each token arrives, so no record larger
 * than its budget is ever fully assembled). Numbers become JsonNumber; duplicate keys are refused (two readers must never
 * see two different records); a "__proto__" key is stored as plain data.
 */
export class ValueAssembler {
  private readonly stack: Frame[] = [];
  private parts: string[] = [];
  private length = 0;
  private values = 0;
  private bytes = 0;
  private completed = false;
  private result: JsonValue = null;

  constructor(
    private readonly limits: PackageLimits,
    private readonly context: AssemblyContext,
  ) {}

  /** Starts over for the next value (the assembler is reused across records). */
  reset(): void {
    this.stack.length = 0;
    this.parts = [];
    this.length = 0;
    this.values = 0;
    this.bytes = 0;
    this.completed = false;
    this.result = null;
  }

  get done(): boolean {
    return this.completed;
  }

  get value(): JsonValue {
    return this.result;
  }

  /** Consumes one token; returns true once the value is complete. */
  consume(token: JsonToken): boolean {
    switch (token.name) {
      case 'startObject':
        this.valueStarts(2);
        this.open({ object: {}, key: undefined, members: 0 });
        return false;
      case 'startArray':
        this.valueStarts(2);
        this.open({ array: [], members: 0 });
        return false;
      case 'endObject':
      case 'endArray': {
        const frame = this.stack.pop() as Frame;
        return this.complete('object' in frame ? frame.object : frame.array);
      }
      case 'startKey': {
        const frame = this.stack[this.stack.length - 1] as Frame;
        this.count((frame.members > 0 ? 1 : 0) + 3); // [,]"":
        frame.members += 1;
        this.parts = [];
        this.length = 0;
        return false;
      }
      case 'startString':
      case 'startNumber':
        this.valueStarts(token.name === 'startString' ? 2 : 0);
        this.parts = [];
        this.length = 0;
        return false;
      case 'stringChunk':
        this.chunk(token.value as string, this.limits.maxStringLength, 'LIMIT_STRING_LENGTH', 'a string', 'maxStringLength');
        if (this.context.maxBytes !== undefined) this.count(Buffer.byteLength(token.value as string, 'utf8'));
        return false;
      case 'numberChunk':
        this.chunk(token.value as string, this.limits.maxNumberLength, 'LIMIT_NUMBER_LENGTH', 'a number', 'maxNumberLength');
        this.count((token.value as string).length);
        return false;
      case 'endKey':
        this.key(this.text());
        return false;
      case 'endString':
        return this.complete(this.text());
      case 'endNumber':
        return this.complete(new JsonNumber(this.text()));
      case 'trueValue':
        this.valueStarts(4);
        return this.complete(true);
      case 'falseValue':
        this.valueStarts(5);
        return this.complete(false);
      case 'nullValue':
        this.valueStarts(4);
        return this.complete(null);
      default:
        return false;
    }
  }

  /** A value begins: its comma when it follows another array element, plus `bytes` of its own syntax. */
  private valueStarts(bytes: number): void {
    const top = this.stack[this.stack.length - 1];
    let separator = 0;
    if (top !== undefined && 'array' in top) {
      separator = top.members > 0 ? 1 : 0;
      top.members += 1;
    }
    this.count(separator + bytes);
  }

  /** Adds to the value's byte count; refuses the value the moment it passes its budget. */
  private count(bytes: number): void {
    const max = this.context.maxBytes;
    if (max === undefined) return;
    this.bytes += bytes;
    if (this.bytes > max) {
      throw new PackageError(
        'LIMIT_RECORD_SIZE',
        `${this.context.describe()}: the record is larger than ${max} bytes (maxRecordBytes); reading was stopped before it was assembled. No HouseF3 record is this large: DynamoDB stores at most 400 KB per item`,
        { entry: this.context.entry, details: { limit: max, limitName: 'maxRecordBytes' } },
      );
    }
  }

  private open(frame: Frame): void {
    const depth = this.context.baseDepth + this.stack.length + 1;
    if (depth > this.limits.maxJsonDepth) {
      throw new PackageError(
        'LIMIT_JSON_DEPTH',
        `${this.context.describe()}: JSON is nested ${depth} levels deep, more than the limit of ${this.limits.maxJsonDepth} (maxJsonDepth); no backup written by HouseF3 nests this deep`,
        { entry: this.context.entry, details: { limit: this.limits.maxJsonDepth } },
      );
    }
    this.stack.push(frame);
  }

  private chunk(text: string, max: number, code: 'LIMIT_STRING_LENGTH' | 'LIMIT_NUMBER_LENGTH', what: string, limitName: string): void {
    this.length += text.length;
    if (this.length > max) {
      throw new PackageError(
        code,
        `${this.context.describe()}: ${what} is longer than ${max} characters (${limitName}); the package is damaged or not a HouseF3 backup`,
        { entry: this.context.entry, details: { limit: max } },
      );
    }
    this.parts.push(text);
  }

  private text(): string {
    const text = this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join('');
    this.parts = [];
    return text;
  }

  private key(key: string): void {
    const frame = this.stack[this.stack.length - 1] as { object: JsonObject; key: string | undefined };
    if (Object.prototype.hasOwnProperty.call(frame.object, key)) {
      throw new PackageError(
        'JSON_DUPLICATE_KEY',
        `${this.context.describe()}: the key ${JSON.stringify(key)} appears twice in one object; readers could disagree on its value, so the package is refused`,
        { entry: this.context.entry, details: { key } },
      );
    }
    frame.key = key;
  }

  private complete(value: JsonValue): boolean {
    this.values += 1;
    if (this.context.maxValues !== undefined && this.values > this.context.maxValues) {
      throw new PackageError(
        'LIMIT_RECORD_SIZE',
        `${this.context.describe()}: a single record holds more than ${this.context.maxValues} JSON values (maxRecordValues)`,
        { entry: this.context.entry, details: { limit: this.context.maxValues } },
      );
    }
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) {
      this.result = value;
      this.completed = true;
      return true;
    }
    if ('array' in top) {
      top.array.push(value);
    } else {
      const key = top.key as string;
      if (key === '__proto__') {
        Object.defineProperty(top.object, key, { value, enumerable: true, writable: true, configurable: true });
      } else {
        top.object[key] = value;
      }
      top.key = undefined;
    }
    return false;
  }
}
