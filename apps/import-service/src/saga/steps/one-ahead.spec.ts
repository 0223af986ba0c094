import { OneAhead } from './one-ahead';

const tick = () => new Promise((r) => setImmediate(r));

describe('OneAhead', () => {
  it('runs the batches one at a time and in order, returning before the last one ends', async () => {
    const q = new OneAhead();
    const log: string[] = [];
    const releases: Array<() => void> = [];
    const work = (n: number) => () => {
      log.push(`start ${n}`);
      return new Promise<void>((r) => releases.push(() => (log.push(`end ${n}`), r())));
    };
    await q.submit(work(1));
    log.push('prepared 2');
    const second = q.submit(work(2));
    await tick();
    expect(log).toEqual(['start 1', 'prepared 2']); // 2 waits for 1
    releases[0]();
    await second;
    expect(log).toEqual(['start 1', 'prepared 2', 'end 1', 'start 2']);
    const drained = q.drain();
    releases[1]();
    await drained;
    expect(log.at(-1)).toBe('end 2');
  });

  it("throws a batch's error at the next submit, and does not start that batch", async () => {
    const q = new OneAhead();
    let started = false;
    await q.submit(async () => {
      throw new Error('write refused');
    });
    await expect(q.submit(async () => {
      started = true;
    })).rejects.toThrow('write refused');
    expect(started).toBe(false);
    await q.drain();
  });

  it('throws the error at drain; settle waits and swallows it', async () => {
    const q = new OneAhead();
    await q.submit(async () => {
      throw new Error('lost the lease');
    });
    await expect(q.drain()).rejects.toThrow('lost the lease');
    await q.submit(async () => {
      throw new Error('again');
    });
    await expect(q.settle()).resolves.toBeUndefined();
  });
});
