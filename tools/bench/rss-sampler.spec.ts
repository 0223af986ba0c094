import { RssSampler, rssKb } from './rss-sampler';

describe('RssSampler', () => {
  it("keeps the peak of the phase and of each window of it, for a real process's RSS", async () => {
    const sampler = new RssSampler({ me: process.pid }, 10, 100).start();
    const held: Buffer[] = [];
    for (let i = 0; i < 4; i += 1) {
      held.push(Buffer.alloc(8 * 2 ** 20, 1)); // 8 MiB more resident in each window
      await new Promise((r) => setTimeout(r, 100));
    }
    const peak = sampler.stop().me!;
    const windows = sampler.windowPeaks().me!;
    expect(windows.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...windows)).toBe(peak);
    expect(peak).toBeLessThanOrEqual(rssKb(process.pid) + 1024);
    // the memory held grows from window to window, and the windows show it
    expect(windows[windows.length - 1]! - windows[0]!).toBeGreaterThan(16 * 1024);
    expect(held.length).toBe(4);
  });

  it('starts each phase afresh', async () => {
    const sampler = new RssSampler({ me: process.pid }, 10, 50).start();
    await new Promise((r) => setTimeout(r, 120));
    sampler.stop();
    sampler.start();
    sampler.stop();
    expect(sampler.windowPeaks().me).toHaveLength(1);
  });
});
