import { VerifiedTokenCache } from './verified-token.cache';

describe('VerifiedTokenCache', () => {
  it('keeps a verified token until its exp, never past it', () => {
    let now = 1_000_000;
    const cache = new VerifiedTokenCache<string>(5 * 60 * 1000, 100, () => now);
    cache.set('t1', 'u1', 1_000_000 / 1000 + 60); // exp in 60 s
    expect(cache.get('t1')).toBe('u1');
    now += 59_999;
    expect(cache.get('t1')).toBe('u1');
    now += 1;
    expect(cache.get('t1')).toBeUndefined();
  });

  it('keeps a long-lived token at most maxAgeMs, so a withdrawn key stops being honoured', () => {
    let now = 0;
    const cache = new VerifiedTokenCache<string>(1000, 100, () => now);
    cache.set('t1', 'u1', 3600);
    now = 999;
    expect(cache.get('t1')).toBe('u1');
    now = 1000;
    expect(cache.get('t1')).toBeUndefined();
  });

  it('keeps nothing already expired, answers only the exact token, and holds at most maxEntries', () => {
    const now = 10_000;
    const cache = new VerifiedTokenCache<string>(1000, 2, () => now);
    cache.set('old', 'u0', 5);
    expect(cache.get('old')).toBeUndefined();
    cache.set('a', 'ua', 3600);
    expect(cache.get('a ')).toBeUndefined();
    expect(cache.get('A')).toBeUndefined();
    cache.set('b', 'ub', 3600);
    cache.get('a'); // a is now the most recent
    cache.set('c', 'uc', 3600);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('ua');
    expect(cache.get('c')).toBe('uc');
  });
});
