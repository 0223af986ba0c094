import { Clock } from '@housef3/platform';
import { SettledJobCache } from './settled-job.cache';

class FakeClock extends Clock {
  constructor(public ms: number) {
    super();
  }
  now(): Date {
    return new Date(this.ms);
  }
}

interface Job { id: string; status: string; read: number }

/** A job table of one job per user and id, counting reads. */
function table() {
  const rows = new Map<string, Job>();
  let reads = 0;
  return {
    rows,
    reads: () => reads,
    load: (userId: string, id: string) => async () => {
      reads++;
      const row = rows.get(`${userId}/${id}`);
      return row && { ...row, read: reads };
    },
  };
}

describe('SettledJobCache', () => {
  const settled = (j: Job) => j.status === 'completed' || j.status === 'failed';

  it('answers a settled job from memory until its time is up, then reads it again', async () => {
    const clock = new FakeClock(0);
    const t = table();
    t.rows.set('u1/a', { id: 'a', status: 'completed', read: 0 });
    const cache = new SettledJobCache<Job>(clock, settled, 1000);
    const first = await cache.get('u1', 'a', t.load('u1', 'a'));
    clock.ms = 999;
    expect(await cache.get('u1', 'a', t.load('u1', 'a'))).toBe(first);
    expect(t.reads()).toBe(1);
    t.rows.set('u1/a', { id: 'a', status: 'expired', read: 0 });
    clock.ms = 1000;
    expect((await cache.get('u1', 'a', t.load('u1', 'a')))?.status).toBe('expired');
    expect(t.reads()).toBe(2);
  });

  it('never keeps a running job: every read of it is fresh', async () => {
    const clock = new FakeClock(0);
    const t = table();
    t.rows.set('u1/a', { id: 'a', status: 'processing', read: 0 });
    const cache = new SettledJobCache<Job>(clock, settled, 1000);
    await cache.get('u1', 'a', t.load('u1', 'a'));
    await cache.get('u1', 'a', t.load('u1', 'a'));
    expect(t.reads()).toBe(2);
  });

  it("keys by user: one user's cached job never answers another user's request for the same id", async () => {
    const clock = new FakeClock(0);
    const t = table();
    t.rows.set('u1/a', { id: 'a', status: 'completed', read: 0 });
    const cache = new SettledJobCache<Job>(clock, settled, 1000);
    expect(await cache.get('u1', 'a', t.load('u1', 'a'))).toBeDefined();
    expect(await cache.get('u2', 'a', t.load('u2', 'a'))).toBeUndefined();
  });

  it('forgets a job at once (a delete through this replica), and keeps nothing with a time of 0', async () => {
    const clock = new FakeClock(0);
    const t = table();
    t.rows.set('u1/a', { id: 'a', status: 'completed', read: 0 });
    const cache = new SettledJobCache<Job>(clock, settled, 1000);
    await cache.get('u1', 'a', t.load('u1', 'a'));
    cache.forget('u1', 'a');
    t.rows.delete('u1/a');
    expect(await cache.get('u1', 'a', t.load('u1', 'a'))).toBeUndefined();
    const off = new SettledJobCache<Job>(clock, settled, 0);
    t.rows.set('u1/b', { id: 'b', status: 'completed', read: 0 });
    await off.get('u1', 'b', t.load('u1', 'b'));
    await off.get('u1', 'b', t.load('u1', 'b'));
    expect(t.reads()).toBe(4);
  });

  it('holds at most maxEntries jobs, the least recently used going first', async () => {
    const clock = new FakeClock(0);
    const t = table();
    for (const id of ['a', 'b', 'c']) t.rows.set(`u1/${id}`, { id, status: 'failed', read: 0 });
    const cache = new SettledJobCache<Job>(clock, settled, 1000, 2);
    for (const id of ['a', 'b', 'c']) await cache.get('u1', id, t.load('u1', id));
    expect(t.reads()).toBe(3);
    await cache.get('u1', 'c', t.load('u1', 'c'));
    await cache.get('u1', 'b', t.load('u1', 'b'));
    expect(t.reads()).toBe(3);
    await cache.get('u1', 'a', t.load('u1', 'a'));
    expect(t.reads()).toBe(4);
  });
});
