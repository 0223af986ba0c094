import { readInOrder as readPagesInOrder } from './ordered-read-ahead';

/** Every item of every page, in the order readInOrder yields the pages. */
async function* readInOrder<T>(sources: readonly (() => AsyncIterable<T[]>)[], concurrency: number, ahead: number): AsyncGenerator<T> {
  for await (const page of readPagesInOrder(sources, concurrency, ahead)) yield* page;
}

/** A source of `pages` pages of `size` numbers starting at `first`, noting how far it was read. */
function source(first: number, pages: number, size: number, log: { read: number; closed: boolean }) {
  return async function* () {
    try {
      for (let p = 0; p < pages; p++) {
        await new Promise((r) => setImmediate(r));
        log.read++;
        yield Array.from({ length: size }, (_, i) => first + p * size + i);
      }
    } finally {
      log.closed = true;
    }
  };
}

const logs = (n: number) => Array.from({ length: n }, () => ({ read: 0, closed: false }));

describe('readInOrder', () => {
  it('yields every item in source order whatever order the sources are read in', async () => {
    const l = logs(5);
    const out: number[] = [];
    for await (const x of readInOrder(l.map((log, i) => source(i * 100, 10, 10, log)), 3, 2)) out.push(x);
    expect(out).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect(l.every((log) => log.read === 10 && log.closed)).toBe(true);
  });

  it('reads ahead at most `ahead` pages per source and only `concurrency` sources at once', async () => {
    const l = logs(4);
    const it = readInOrder(l.map((log, i) => source(i * 1000, 50, 1, log)), 2, 3);
    await it.next();
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    // source 0: one page consumed, up to `ahead` waiting, and one more read that waits for room
    expect(l[0].read).toBeLessThanOrEqual(1 + 3 + 1);
    expect(l[1].read).toBeLessThanOrEqual(3 + 1);
    expect(l[1].read).toBeGreaterThan(0);
    expect(l[2].read + l[3].read).toBe(0);
    await it.return(undefined);
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(l[0].closed && l[1].closed).toBe(true);
  });

  it('surfaces a source failure in order and stops the other sources', async () => {
    const l = logs(2);
    const failing = async function* () {
      yield [1];
      throw new Error('page read failed');
    };
    const out: number[] = [];
    await expect((async () => {
      for await (const x of readInOrder([failing, source(10, 100, 1, l[1])], 2, 2)) out.push(x);
    })()).rejects.toThrow('page read failed');
    expect(out).toEqual([1]);
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(l[1].closed).toBe(true);
  });
});
