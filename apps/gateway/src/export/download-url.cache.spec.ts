import { Clock, S3Presigner } from '@housef3/platform';
import { DownloadUrlCache } from './download-url.cache';

class FakeClock extends Clock {
  constructor(public ms: number) {
    super();
  }
  now(): Date {
    return new Date(this.ms);
  }
}

/** Signs `url-<n>` for the n-th call, so a reused URL and a fresh one are told apart. */
function fakePresigner() {
  const calls: string[] = [];
  const presigner = { download: async (bucket: string, key: string) => `url-${calls.push(`${bucket}/${key}`)}` } as unknown as S3Presigner;
  return { presigner, calls };
}

describe('DownloadUrlCache', () => {
  it('reuses a URL while enough of its life is left, then signs a fresh one', async () => {
    const clock = new FakeClock(1_000_000);
    const { presigner, calls } = fakePresigner();
    const cache = new DownloadUrlCache(presigner, clock, 300, 120);
    const first = await cache.download('b', 'k', 'f.zip');
    expect(first).toEqual({ url: 'url-1', expiresAt: 1_000_000 + 300_000 });
    clock.ms += 180_000; // exactly 120 s left: still handed out
    expect(await cache.download('b', 'k', 'f.zip')).toEqual(first);
    clock.ms += 1; // less than 120 s left
    expect(await cache.download('b', 'k', 'f.zip')).toEqual({ url: 'url-2', expiresAt: clock.ms + 300_000 });
    expect(calls).toEqual(['b/k', 'b/k']);
  });

  it('keeps packages apart and forgets a deleted one', async () => {
    const { presigner, calls } = fakePresigner();
    const cache = new DownloadUrlCache(presigner, new FakeClock(0), 300);
    expect((await cache.download('b', 'k1', 'f.zip')).url).toBe('url-1');
    expect((await cache.download('b', 'k2', 'f.zip')).url).toBe('url-2');
    expect((await cache.download('b', 'k1', 'f.zip')).url).toBe('url-1');
    cache.forget('b', 'k1');
    expect((await cache.download('b', 'k1', 'f.zip')).url).toBe('url-3');
    expect((await cache.download('b', 'k2', 'f.zip')).url).toBe('url-2');
    expect(calls).toHaveLength(3);
  });

  it('holds at most maxEntries URLs, dropping the least recently used', async () => {
    const { presigner } = fakePresigner();
    const cache = new DownloadUrlCache(presigner, new FakeClock(0), 300, 120, 2);
    await cache.download('b', 'k1', 'f'); // url-1
    await cache.download('b', 'k2', 'f'); // url-2
    await cache.download('b', 'k1', 'f'); // k1 used again: k2 is now the oldest
    await cache.download('b', 'k3', 'f'); // url-3, evicts k2
    expect((await cache.download('b', 'k1', 'f')).url).toBe('url-1');
    expect((await cache.download('b', 'k2', 'f')).url).toBe('url-4');
  });
});
