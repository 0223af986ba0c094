import { Readable } from 'node:stream';
import { PackageError } from '../errors';
import { DEFAULT_PACKAGE_LIMITS, resolveLimits } from '../limits';
import { readEntityRecords } from './entity-records';
import { JsonNumber } from './json-number';
import { readJsonValue } from './read-json-value';

const limits = DEFAULT_PACKAGE_LIMITS;

async function records(text: string | Buffer | Buffer[], entity = 'transactions', custom = limits): Promise<unknown[]> {
  const chunks = Array.isArray(text) ? text : [Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8')];
  const out: unknown[] = [];
  for await (const record of readEntityRecords(Readable.from(chunks), `data/${entity}.json`, entity, custom)) out.push(record);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<PackageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PackageError);
  return error as PackageError;
}

/** Splits bytes into chunks of `size` (to cross every token and UTF-8 boundary). */
function split(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

describe('readEntityRecords', () => {
  it('streams each record of {"<entity>": [...]} with numbers kept as JsonNumber', async () => {
    const text = '{"transactions":[\n{"transactionHash":18446744073709551615,"amount":"-0.00","n":1.50e+3},\n{"a":[true,false,null],"b":{}}\n]}\n';
    const result = await records(text);
    expect(result).toEqual([
      { transactionHash: new JsonNumber('18446744073709551615'), amount: '-0.00', n: new JsonNumber('1.50e+3') },
      { a: [true, false, null], b: {} },
    ]);
    expect((result[0] as { transactionHash: JsonNumber }).transactionHash.text).toBe('18446744073709551615');
  });

  it('gives the same records whatever the chunk boundaries (1 byte at a time, multi-byte UTF-8 split)', async () => {
    const text = Buffer.from('\ufeff{"accounts": [ {"name":"Café ☕ 🧾 東京","x":-12.5e-3,"esc":"\\u00e9\\n\\ud83e\\uddfe"} , {"k":"v"} ] }', 'utf8');
    const whole = await records(text, 'accounts');
    expect(whole[0]).toEqual({ name: 'Café ☕ 🧾 東京', x: new JsonNumber('-12.5e-3'), esc: 'é\n🧾' });
    for (const size of [1, 2, 3, 7]) expect(await records(split(text, size), 'accounts')).toEqual(whole);
  });

  it('reads an empty list', async () => {
    expect(await records('{"categories":[]}', 'categories')).toEqual([]);
  });

  it('stores a "__proto__" key as data, never as the prototype', async () => {
    const [record] = (await records('{"accounts":[{"__proto__":{"polluted":true}}]}', 'accounts')) as object[];
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record as object)).toEqual(['__proto__']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it.each([
    ['[]', /must be a JSON object/],
    ['{"accounts":[]}', /unexpected top-level key "accounts"/],
    ['{"transactions":{}}', /must be an array of records, but it is an object/],
    ['{"transactions":[1]}', /record 1 is a number/],
    ['{"transactions":[{},"x"]}', /record 2 is a string/],
    ['{"transactions":[],"extra":1}', /only "transactions" is allowed/],
    ['{}', /has no "transactions" key/],
  ])('refuses the shape %s (DATA_SHAPE)', async (text, message) => {
    const error = await failure(records(text));
    expect(error.code).toBe('DATA_SHAPE');
    expect(error.entry).toBe('data/transactions.json');
    expect(error.message).toMatch(message);
  });

  it.each([
    ['{"transactions":[{"a":1}', /truncated|not valid JSON/],
    ['{"transactions":[{"a":1,}]}', /not valid JSON/],
    ['{"transactions":[{"a":01}]}', /not valid JSON/],
    ['{"transactions":[]} trailing', /not valid JSON/],
    ['', /not valid JSON/],
  ])('refuses broken JSON %j (JSON_SYNTAX)', async (text, message) => {
    const error = await failure(records(text));
    expect(error.code).toBe('JSON_SYNTAX');
    expect(error.message).toMatch(message);
  });

  it('refuses invalid UTF-8 (JSON_ENCODING)', async () => {
    const bytes = Buffer.concat([Buffer.from('{"transactions":[{"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]}')]);
    expect((await failure(records(bytes))).code).toBe('JSON_ENCODING');
  });

  it('refuses a duplicate key inside a record (JSON_DUPLICATE_KEY)', async () => {
    const error = await failure(records('{"transactions":[{"amount":"1","amount":"1000000"}]}'));
    expect(error.code).toBe('JSON_DUPLICATE_KEY');
    expect(error.message).toMatch(/record 1: the key "amount" appears twice/);
  });

  it('enforces the nesting depth counted from the document root (LIMIT_JSON_DEPTH)', async () => {
    const custom = resolveLimits({ maxJsonDepth: 5 });
    expect(await records('{"transactions":[{"a":{"b":[]}}]}', 'transactions', custom)).toHaveLength(1);
    const error = await failure(records('{"transactions":[{"a":{"b":[[]]}}]}', 'transactions', custom));
    expect(error.code).toBe('LIMIT_JSON_DEPTH');
    expect(error.message).toMatch(/nested 6 levels deep, more than the limit of 5/);
  });

  it('stops a huge string while it streams, without buffering it (LIMIT_STRING_LENGTH)', async () => {
    const custom = resolveLimits({ maxStringLength: 1000 });
    let produced = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      yield Buffer.from('{"transactions":[{"description":"');
      const chunk = Buffer.alloc(64 * 1024, 'a');
      for (;;) {
        produced += chunk.length;
        yield chunk;
      }
    }
    const iterate = async (): Promise<void> => {
      for await (const _ of readEntityRecords(endless(), 'data/transactions.json', 'transactions', custom)) void _;
    };
    const error = await failure(iterate());
    expect(error.code).toBe('LIMIT_STRING_LENGTH');
    expect(produced).toBeLessThanOrEqual(64 * 1024);
  });

  it('caps key and number length too', async () => {
    const custom = resolveLimits({ maxStringLength: 20, maxNumberLength: 5 });
    expect((await failure(records(`{"transactions":[{"${'k'.repeat(21)}":1}]}`, 'transactions', custom))).code).toBe('LIMIT_STRING_LENGTH');
    expect((await failure(records('{"transactions":[{"n":123456}]}', 'transactions', custom))).code).toBe('LIMIT_NUMBER_LENGTH');
  });

  it('caps the values of one record (LIMIT_RECORD_SIZE)', async () => {
    const custom = resolveLimits({ maxRecordValues: 10 });
    const error = await failure(records(`{"transactions":[{"a":[${Array(20).fill(1).join(',')}]}]}`, 'transactions', custom));
    expect(error.code).toBe('LIMIT_RECORD_SIZE');
  });

  it('stops reading when the consumer stops', async () => {
    let pulled = 0;
    async function* many(): AsyncGenerator<Buffer> {
      yield Buffer.from('{"transactions":[{"i":0}');
      for (let i = 1; i < 1_000_000; i++) {
        pulled += 1;
        yield Buffer.from(`,{"i":${i}}`);
      }
      yield Buffer.from(']}');
    }
    for await (const _ of readEntityRecords(many(), 'data/transactions.json', 'transactions', limits)) break;
    expect(pulled).toBeLessThan(10);
  });
});

describe('readJsonValue', () => {
  it('reads a whole document with exact numbers', async () => {
    const value = await readJsonValue(Readable.from([Buffer.from('{"a":[1,2.50],"b":"x"}')]), 'manifest.json', limits);
    expect(value).toEqual({ a: [new JsonNumber('1'), new JsonNumber('2.50')], b: 'x' });
  });

  it('refuses duplicate keys (two readers could see two manifests)', async () => {
    const error = await failure(readJsonValue(Readable.from([Buffer.from('{"export_format_version":"1.1","export_format_version":"2.0"}')]), 'manifest.json', limits));
    expect(error.code).toBe('JSON_DUPLICATE_KEY');
  });
});
