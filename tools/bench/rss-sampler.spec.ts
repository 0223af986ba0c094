import { RssSampler, rssKb } from './rss-sampler';

describe('RssSampler', () => {
  /** A sampler whose clock and readings the test sets; its own timer never fires during a test. */
  function scripted(windowMs: number) {
    const state = { now: 0, kb: { a: 0, b: 0 } as Record<string, number> };
    const sampler = new RssSampler({ a: 1, b: 2 }, 60_000, windowMs, { rssKb: (pid) => (pid === 1 ? state.kb.a! : state.kb.b!), now: () => state.now });
    const at = (now: number, a: number, b: number) => {
      state.now = now;
      state.kb = { a, b };
    };
    return { sampler, at };
  }

  it('keeps the peak of the phase and the peak of each window of it, per process', () => {
    const { sampler, at } = scripted(100);
    at(0, 100, 50);
    sampler.start();
    at(50, 120, 40);
    sampler.sample();
    at(150, 110, 70);
    sampler.sample();
    at(160, 105, 90);
    sampler.sample();
    at(260, 300, 60);
    expect(sampler.stop()).toEqual({ a: 300, b: 90 });
    expect(sampler.windowPeaks()).toEqual({ a: [120, 110, 300], b: [50, 90, 60] });
  });

  it('gives a window with no sample of its own the next sample (the process busy past a whole window)', () => {
    const { sampler, at } = scripted(100);
    at(0, 100, 100);
    sampler.start();
    at(350, 140, 100);
    expect(sampler.stop()).toEqual({ a: 140, b: 100 });
    expect(sampler.windowPeaks().a).toEqual([100, 140, 140, 140]);
  });

  it('starts each phase afresh', () => {
    const { sampler, at } = scripted(100);
    at(0, 500, 500);
    sampler.start();
    at(250, 500, 500);
    sampler.stop();
    at(1000, 200, 300);
    sampler.start();
    expect(sampler.stop()).toEqual({ a: 200, b: 300 });
    expect(sampler.windowPeaks()).toEqual({ a: [200], b: [300] });
  });

  it("reads a real process's resident memory from /proc", async () => {
    const sampler = new RssSampler({ me: process.pid }, 10, 50).start();
    await new Promise((r) => setTimeout(r, 120));
    const peak = sampler.stop().me!;
    expect(peak).toBeGreaterThan(10 * 1024);
    expect(peak).toBeLessThanOrEqual(rssKb(process.pid) * 2);
    expect(Math.max(...sampler.windowPeaks().me!)).toBe(peak);
    expect(sampler.windowPeaks().me!.length).toBeGreaterThanOrEqual(2);
  });
});
