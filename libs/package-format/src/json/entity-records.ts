import { PackageError } from '../errors';
import type { PackageLimits } from '../limits';
import { JsonTextFeeder } from './json-text';
import type { JsonToken } from './json-tokenizer';
import type { JsonObject } from './json-value';
import { ValueAssembler } from './value-assembler';

type Phase = 'document' | 'key' | 'keyText' | 'array' | 'records' | 'record' | 'close' | 'done';

const VALUE_KINDS: Record<string, string> = {
  startArray: 'an array',
  startString: 'a string',
  startNumber: 'a number',
  trueValue: 'true',
  falseValue: 'false',
  nullValue: 'null',
  startObject: 'an object',
  startKey: 'another key',
};

/**
 * Frames an entity file `{"<entity>": [ {record}, {record}, ... ]}` token by token and collects
 * each record as it completes. Anything else (another top-level key, a non-object record, a
 * missing array) is a DATA_SHAPE error naming the entry and the record index.
 */
class EntityFramer {
  private phase: Phase = 'document';
  private keyText = '';
  private index = 0;
  private readonly assembler: ValueAssembler;
  readonly ready: JsonObject[] = [];

  constructor(
    private readonly entry: string,
    private readonly entity: string,
    limits: PackageLimits,
  ) {
    this.assembler = new ValueAssembler(limits, {
      entry,
      baseDepth: 2,
      maxValues: limits.maxRecordValues,
      maxBytes: limits.maxRecordBytes,
      describe: () => `${entry}, record ${this.index + 1}`,
    });
  }

  get finished(): boolean {
    return this.phase === 'done';
  }

  consume(token: JsonToken): void {
    switch (this.phase) {
      case 'record':
        if (this.assembler.consume(token)) {
          this.ready.push(this.assembler.value as JsonObject);
          this.index += 1;
          this.phase = 'records';
        }
        return;
      case 'records':
        if (token.name === 'startObject') {
          this.assembler.reset();
          this.assembler.consume(token);
          this.phase = 'record';
        } else if (token.name === 'endArray') {
          this.phase = 'close';
        } else if (token.name in VALUE_KINDS) {
          throw this.shape(`record ${this.index + 1} is ${VALUE_KINDS[token.name]}, but every record must be a JSON object`);
        }
        return;
      case 'document':
        if (token.name !== 'startObject') throw this.shape(`the file must be a JSON object {"${this.entity}": [...]}, but it starts with ${VALUE_KINDS[token.name] ?? token.name}`);
        this.phase = 'key';
        return;
      case 'key':
        if (token.name === 'endObject') throw this.shape(`the object has no "${this.entity}" key`);
        if (token.name === 'startKey') {
          this.keyText = '';
          this.phase = 'keyText';
        }
        return;
      case 'keyText':
        if (token.name === 'stringChunk') {
          this.keyText += token.value as string;
          if (this.keyText.length > this.entity.length + 100) throw this.shape(`unexpected top-level key ${JSON.stringify(`${this.keyText.slice(0, 100)}...`)}; the only key allowed is "${this.entity}"`);
        } else if (token.name === 'endKey') {
          if (this.keyText !== this.entity) throw this.shape(`unexpected top-level key ${JSON.stringify(this.keyText.slice(0, 100))}; the only key allowed is "${this.entity}"`);
          this.phase = 'array';
        }
        return;
      case 'array':
        if (token.name !== 'startArray') throw this.shape(`the value of "${this.entity}" must be an array of records, but it is ${VALUE_KINDS[token.name] ?? token.name}`);
        this.phase = 'records';
        return;
      case 'close':
        if (token.name === 'startKey') throw this.shape(`the object has keys besides "${this.entity}"; only "${this.entity}" is allowed`);
        if (token.name === 'endObject') this.phase = 'done';
        return;
      case 'done':
        return;
    }
  }

  private shape(reason: string): PackageError {
    return new PackageError('DATA_SHAPE', `${this.entry} does not have the layout of a HouseF3 entity file: ${reason}`, { entry: this.entry });
  }
}

/**
 * Streams the records of one entity file without loading it: memory holds one input chunk and
 * the records completed from it. Records are raw JSON objects (numbers as JsonNumber); the
 * package reader validates them. Stops reading as soon as the consumer stops iterating.
 */
export async function* readEntityRecords(bytes: AsyncIterable<Uint8Array>, entry: string, entity: string, limits: PackageLimits): AsyncGenerator<JsonObject, void, undefined> {
  const framer = new EntityFramer(entry, entity, limits);
  const feeder = new JsonTextFeeder(entry, (token) => framer.consume(token));
  for await (const chunk of bytes) {
    feeder.write(chunk);
    if (framer.ready.length > 0) {
      const batch = framer.ready.splice(0, framer.ready.length);
      for (const record of batch) yield record;
    }
  }
  feeder.end();
  for (const record of framer.ready.splice(0, framer.ready.length)) yield record;
  if (!framer.finished) {
    throw new PackageError('JSON_SYNTAX', `${entry} ends before its JSON is complete; the file is truncated`, { entry });
  }
}
