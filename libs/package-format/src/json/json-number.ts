/**
 * A JSON number kept as its exact source text.
 *
 * The package reader never turns JSON numbers into JS numbers: transactionHash exceeds 2^53 and
 * money must never pass through a float. Every number token read from a package becomes a
 * JsonNumber; entity validation decides what each field may be (bigint, safe integer, ...).
 */
export class JsonNumber {
  constructor(readonly text: string) {
    if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) {
      throw new TypeError(`not a JSON number: ${JSON.stringify(text)}`);
    }
  }

  /** True when the text is an integer literal (no fraction, no exponent). */
  get isInteger(): boolean {
    return /^-?(0|[1-9]\d*)$/.test(this.text);
  }

  toJSON(): string {
    return this.text;
  }

  toString(): string {
    return this.text;
  }
}

export function isJsonNumber(value: unknown): value is JsonNumber {
  return value instanceof JsonNumber;
}
