import { PackageError } from '../errors';
import { JsonSyntaxError, JsonTokenizer, type JsonToken } from './json-tokenizer';

/**
 * Decodes UTF-8 bytes strictly (invalid UTF-8 is refused, a leading BOM is dropped) and
 * tokenizes them, turning every failure into a PackageError that names the entry and the byte
 * offset. `onToken` runs synchronously; call `afterChunk` work (yielding records) between chunks.
 */
export class JsonTextFeeder {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly tokenizer: JsonTokenizer;
  private bytes = 0;

  constructor(
    private readonly entry: string,
    onToken: (token: JsonToken) => void,
  ) {
    this.tokenizer = new JsonTokenizer(onToken);
  }

  /** Bytes consumed so far (for messages). */
  get offset(): number {
    return this.bytes;
  }

  write(chunk: Uint8Array): void {
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch (error) {
      throw this.encodingError(error);
    }
    this.bytes += chunk.length;
    this.guard(() => this.tokenizer.write(text));
  }

  end(): void {
    let tail: string;
    try {
      tail = this.decoder.decode();
    } catch (error) {
      throw this.encodingError(error);
    }
    this.guard(() => {
      this.tokenizer.write(tail);
      this.tokenizer.end();
    });
  }

  private guard(work: () => void): void {
    try {
      work();
    } catch (error) {
      if (error instanceof JsonSyntaxError) {
        throw new PackageError('JSON_SYNTAX', `${this.entry} is not valid JSON (${error.message}, near byte ${this.bytes}); the file is damaged or truncated`, {
          entry: this.entry,
          details: { offset: this.bytes },
          cause: error,
        });
      }
      throw error;
    }
  }

  private encodingError(error: unknown): PackageError {
    return new PackageError('JSON_ENCODING', `${this.entry} is not valid UTF-8 text (near byte ${this.bytes}); the file is damaged or was not written by a HouseF3 backup`, {
      entry: this.entry,
      details: { offset: this.bytes },
      cause: error,
    });
  }
}
