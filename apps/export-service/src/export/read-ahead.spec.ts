import { readAhead } from './read-ahead';

/** A source of `pages` pages of `size` numbers, noting how far it was read. */
function source(pages: number, size: number, log: { read: number; closed: boolean }) {
  return async function* () {
    try {
      for (let p = 0; p < pages; p++) {
        await new Promise((r) => setImmediate(r));
        log.read++;
        yield Array.from({ length: size }, (_, i) => p * size + i);
      }
    } finally {
      log.closed = true;
    }
  };
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

describe('readAhead', () => {
  it('yields every page in order', async () => {
    const log = { read: 0, closed: false };
    const out: number[] = [];
    for await (const page of readAhead(source(10, 10, log), 2)) out.push(...page);
    expect(out).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(log).toEqual({ read: 10, closed: true });
  });

  it('reads at most `ahead` pages beyond what was consumed, and stops reading when the consumer stops', async () => {
    const log = { read: 0, closed: false };
    const it = readAhead(source(50, 1, log), 3);
    await it.next();
    await settle();
    // one page consumed, up to `ahead` waiting, and one more read that waits for room
    expect(log.read).toBeGreaterThan(1);
    expect(log.read).toBeLessThanOrEqual(1 + 3 + 1);
    await it.return(undefined);
    await settle();
    expect(log.closed).toBe(true);
    expect(log.read).toBeLessThanOrEqual(1 + 3 + 1);
  });

  it('surfaces a failure of the source after the pages read before it', async () => {
    const failing = async function* () {
      yield [1];
      throw new Error('page read failed');
    };
    const out: number[] = [];
    await expect((async () => {
      for await (const page of readAhead(failing, 2)) out.push(...page);
    })()).rejects.toThrow('page read failed');
    expect(out).toEqual([1]);
  });
});
