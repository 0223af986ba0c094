import { toItem } from '@housef3/data-model';
import { frameEntityFile, Transaction } from '@housef3/package-format';
import { arbTransaction, buildTransaction } from '@housef3/package-format/testing';
import { PermanentError, TransientError } from '@housef3/platform';
import fc from 'fast-check';
import type { Item } from '../user-data.reader';
import { PageEncoder } from './page-encoder';
import { stageEntityText } from './record-codec';

const USER = 'user-page-encoder';
const itemOf = (t: Transaction) => toItem('transactions', t, USER) as unknown as Item;
/** An item as DynamoDB returns it: plain JSON values. */
const asRead = (t: Transaction) => JSON.parse(JSON.stringify(itemOf(t))) as Item;
/** A Query response's body as DynamoDB sends it. */
const bodyOf = (items: readonly Item[], lastKey?: Item) => new TextEncoder().encode(JSON.stringify({ Count: items.length, Items: items, ...(lastKey && { LastEvaluatedKey: lastKey }), ScannedCount: items.length }));

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of source) out.push(x);
  return out;
}
async function* from<T>(xs: readonly T[]): AsyncGenerator<T> {
  yield* xs;
}
const bytesOf = async (chunks: AsyncIterable<Uint8Array>) => Buffer.concat(await collect(chunks)).toString('utf8');

describe.each([
  ['on a thread of its own', true],
  ['on the calling thread', false],
])('PageEncoder %s', (_, inWorker) => {
  let encoder: PageEncoder;
  beforeAll(() => {
    encoder = new PageEncoder({ inWorker, heapMb: 48, youngMb: 16 });
  });
  afterAll(() => encoder.onModuleDestroy());

  it('gives, page by page, the very bytes the record-by-record encoder gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(arbTransaction(), { maxLength: 6 }), { maxLength: 4 }), async (pages) => {
        const encoded = (await Promise.all(pages.map((page) => encoder.encode(bodyOf(page.map(asRead)), USER)))).map((r) => r.page);
        const framed = await bytesOf(frameEntityFile('transactions', from(encoded)));
        const expected = await bytesOf(stageEntityText('transactions', from(pages.flat())));
        expect(framed).toBe(expected);
        expect(encoded.map((e) => e.count)).toEqual(pages.map((p) => p.length));
        pages.forEach((page, i) => expect([...(encoded[i]?.fileIds ?? [])].sort()).toEqual([...new Set(page.map((t) => t.fileId))].sort()));
      }),
      { numRuns: 40 },
    );
  });

  it('keeps a transactionHash above 2^53 and text beyond ASCII exactly', async () => {
    const t = buildTransaction({ description: 'CAF\u00c9 \u{1F600} \u20ac END', transactionHash: 18446744073709551557n });
    const { page } = await encoder.encode(bodyOf([asRead(t)]), USER);
    const text = Buffer.from(page.bytes).toString('utf8');
    expect(text).toContain('"transactionHash":18446744073709551557');
    expect(text).toContain('"description":"CAF\u00c9 \u{1F600} \u20ac END"');
  });

  it('refuses a page with a record that cannot be exported, naming it, as EXPORT_INVALID_RECORD', async () => {
    const good = asRead(buildTransaction());
    const bad = { ...asRead(buildTransaction({ transactionId: '7b0e4c1e-5a6f-4d3b-9c2a-1e2f3a4b5c6d' })), colour: { S: 'blue' } } as Item;
    const failure = await encoder.encode(bodyOf([good, bad]), USER).then(() => undefined, (e: unknown) => e);
    expect(failure).toBeInstanceOf(PermanentError);
    expect((failure as PermanentError).code).toBe('EXPORT_INVALID_RECORD');
    expect((failure as Error).message).toMatch(/a stored transactions record cannot be exported as it is: transactions colour: /);
  });

  it('answers an empty page, and says where the query goes on', async () => {
    const lastKey = { userId: { S: USER }, date: { N: '1704067200000.5' }, transactionId: { S: 'a' } } as Item;
    const { page, lastKey: next } = await encoder.encode(bodyOf([], lastKey), USER);
    expect(page.count).toBe(0);
    expect(page.bytes.byteLength).toBe(0);
    expect(next).toEqual(lastKey);
    expect((await encoder.encode(bodyOf([asRead(buildTransaction())]), USER)).lastKey).toBeUndefined();
  });

  it('drops the items of another user that an index returned', async () => {
    const mine = buildTransaction();
    const theirs = toItem('transactions', buildTransaction(), 'someone-else') as unknown as Item;
    const { page } = await encoder.encode(bodyOf([asRead(mine), JSON.parse(JSON.stringify(theirs)) as Item]), USER);
    expect(page.count).toBe(1);
    expect(Buffer.from(page.bytes).toString('utf8')).toContain(mine.transactionId);
  });

  it('refuses a body that is not a DynamoDB response', async () => {
    await expect(encoder.encode(new TextEncoder().encode('{"Items":[{"userId":'), USER)).rejects.toThrow(/encoding a page of transactions failed|JSON/);
  });
});

describe('PageEncoder thread', () => {
  it('fails the pages it held when the thread ends, as transient, and starts a new thread for the next page', async () => {
    const encoder = new PageEncoder({ inWorker: true, heapMb: 48, youngMb: 16 });
    try {
      const pages = [200, 3000, 200].map((n) => bodyOf(Array.from({ length: n }, () => asRead(buildTransaction()))));
      await encoder.encode(pages[0] as Uint8Array, USER);
      const thread = (encoder as unknown as { thread: { worker: { terminate(): Promise<number> } } }).thread;
      const held = encoder.encode(pages[1] as Uint8Array, USER);
      await thread.worker.terminate();
      await expect(held).rejects.toBeInstanceOf(TransientError);
      const again = await encoder.encode(pages[2] as Uint8Array, USER);
      expect(again.page.count).toBe(200);
    } finally {
      await encoder.onModuleDestroy();
    }
  });

  it("reports its thread's heap with each page (none before the first, none after the thread ends)", async () => {
    const encoder = new PageEncoder({ inWorker: true, heapMb: 48, youngMb: 16 });
    try {
      await encoder.onModuleInit();
      expect(encoder.threadHeap()).toBeUndefined();
      await encoder.encode(bodyOf(Array.from({ length: 300 }, () => asRead(buildTransaction()))), USER);
      const heap = encoder.threadHeap();
      expect(heap?.used).toBeGreaterThan(0);
      expect(heap?.total).toBeGreaterThanOrEqual(heap?.used ?? Infinity);
      // a thread is not the main one: its heap is not the process's
      expect(heap?.total).toBeLessThan(48 * 2 ** 20 + 16 * 2 ** 20 + 8 * 2 ** 20);
      await (encoder as unknown as { thread: { worker: { terminate(): Promise<number> } } }).thread.worker.terminate();
      await new Promise((r) => setTimeout(r, 50));
      expect(encoder.threadHeap()).toBeUndefined();
    } finally {
      await encoder.onModuleDestroy();
    }
  });

  it('loads its thread when the service starts, before the first page', async () => {
    const encoder = new PageEncoder({ inWorker: true, heapMb: 48, youngMb: 16 });
    try {
      const state = encoder as unknown as { thread?: { ready: Promise<void> } };
      expect(state.thread).toBeUndefined();
      await encoder.onModuleInit();
      expect(state.thread).toBeDefined();
      await expect(state.thread?.ready).resolves.toBeUndefined();
      expect((await encoder.encode(bodyOf([asRead(buildTransaction())]), USER)).page.count).toBe(1);
    } finally {
      await encoder.onModuleDestroy();
    }
  });
});
