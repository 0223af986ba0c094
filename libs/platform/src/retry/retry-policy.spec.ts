import { PermanentError, TransientError } from '../messaging/errors';
import { backoffDelay, withRetry } from './retry-policy';

describe('retry policy', () => {
  const noSleep = async () => undefined;

  it('retries transient errors up to the bound, then throws the last one', async () => {
    let calls = 0;
    await expect(withRetry(async () => {
      calls++;
      throw new TransientError(`busy ${calls}`);
    }, { attempts: 4, baseDelayMs: 1, maxDelayMs: 1 }, { sleep: noSleep })).rejects.toThrow('busy 4');
    expect(calls).toBe(4);
  });

  it('does not retry permanent errors', async () => {
    let calls = 0;
    await expect(withRetry(async () => {
      calls++;
      throw new PermanentError('BAD', 'bad input');
    }, { attempts: 5, baseDelayMs: 1, maxDelayMs: 1 }, { sleep: noSleep })).rejects.toThrow('bad input');
    expect(calls).toBe(1);
  });

  it('returns the first success', async () => {
    let calls = 0;
    const out = await withRetry(async () => {
      if (++calls < 3) throw Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' });
      return 'ok';
    }, { attempts: 5, baseDelayMs: 1, maxDelayMs: 1 }, { sleep: noSleep });
    expect(out).toBe('ok');
    expect(calls).toBe(3);
  });

  it('backs off exponentially under a ceiling, with jitter', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(1, policy, () => 0.999)).toBe(99);
    expect(backoffDelay(3, policy, () => 0.999)).toBe(399);
    expect(backoffDelay(10, policy, () => 0.999)).toBe(999);
    expect(backoffDelay(10, policy, () => 0)).toBe(0);
  });
});
