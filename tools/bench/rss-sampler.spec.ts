import { RssSampler, rssKb } from './rss-sampler';

/** A reading of the scripted sampler: at `now` ms, processes a and b resident at these KiB. */
type Reading = [now: number, a: number, b: number];

/**
 * Runs a sampler whose clock and readings are scripted (its own timer never fires during a test):
 * the first reading at start, the last at stop, the others as samples in between.
 */
function scripted(windowMs: number, readings: readonly Reading[]) {
  let current: Reading = readings[0]!;
  const sampler = new RssSampler({ a: 1, b: 2 }, 60_000, windowMs, { rssKb: (pid) => (pid === 1 ? current[1] : current[2]), now: () => current[0] });
  sampler.start();
  for (const reading of readings.slice(1, -1)) {
    current = reading;
    sampler.sample();
  }
  current = readings[readings.length - 1]!;
  return { sampler, peaks: sampler.stop(), windows: sampler.windowPeaks() };
}

describe('RssSampler', () => {
  it('keeps the peak of the phase and the peak of each window of it, per process', () => {
    const { peaks, windows } = scripted(100, [[0, 100, 50], [50, 120, 40], [150, 110, 70], [160, 105, 90], [260, 300, 60]]);
    expect(peaks).toEqual({ a: 300, b: 90 });
    expect(windows).toEqual({ a: [120, 110, 300], b: [50, 90, 60] });
  });

  it('gives a window with no sample of its own the next sample (the process busy past a whole window)', () => {
    const { peaks, windows } = scripted(100, [[0, 100, 100], [350, 140, 100]]);
    expect(peaks).toEqual({ a: 140, b: 100 });
    expect(windows.a).toEqual([100, 140, 140, 140]);
  });

  it('starts each phase afresh', () => {
    const { sampler, peaks } = scripted(100, [[0, 500, 500], [250, 200, 300]]);
    expect(peaks).toEqual({ a: 500, b: 500 });
    sampler.start(); // at the last reading: 250 ms, 200 and 300 KiB
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
