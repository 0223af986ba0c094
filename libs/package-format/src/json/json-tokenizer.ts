import Parser = require('stream-json/Parser');

/** One token of stream-json's streaming vocabulary (startObject, stringChunk, endNumber, ...). */
export interface JsonToken {
  readonly name: string;
  readonly value?: string | boolean | null;
}

/**
 * stream-json's Parser with its output delivered synchronously to a callback instead of through a
 * Readable buffer: tokens are handled as they are recognised, errors surface as exceptions from
 * write()/end(), and no per-token stream machinery runs (80+ million tokens for 1M transactions).
 * Strings, keys and numbers are streamed as chunks and never packed, so the parser itself never
 * accumulates a long value: length caps are enforced by the consumer chunk by chunk.
 */
class CallbackParser extends Parser {
  constructor(private readonly onToken: (token: JsonToken) => void) {
    super({ packKeys: false, packStrings: false, packNumbers: false, streamKeys: true, streamStrings: true, streamNumbers: true });
  }

  override push(chunk: unknown): boolean {
    if (chunk === null) return super.push(null);
    this.onToken(chunk as JsonToken);
    return true;
  }
}

/** Feeds text to the parser synchronously; throws the parser's syntax errors. */
export class JsonTokenizer {
  private readonly parser: CallbackParser;

  constructor(onToken: (token: JsonToken) => void) {
    this.parser = new CallbackParser(onToken);
  }

  /** Tokenizes `text`, calling onToken for every complete token; throws on a syntax error. */
  write(text: string): void {
    if (text.length === 0) return;
    this.parser._transform(text, 'utf8', rethrow);
  }

  /** Signals the end of input; throws when the document is incomplete or has trailing garbage. */
  end(): void {
    this.parser._flush(rethrow);
  }
}

function rethrow(error?: Error | null): void {
  if (error) throw new JsonSyntaxError(error.message.replace(/^Parser (cannot parse input: |has )/, ''));
}

/** A syntax error reported by the tokenizer (message without stream-json's prefix). */
export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
}
