import { isRetriable } from '../messaging/errors';

/**
 * The one retry policy of the services: bounded attempts, exponential backoff with full jitter
 * and a ceiling. In-process retries are for short hiccups only (a conflicting transaction, a
 * throttled call); longer outages release the job and let the sweeper resume it from its checkpoint.
 */
export interface RetryPolicy {
  /** attempts in all, the first included */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 5000 };

/** The delay before retry `n` (1-based): a random delay up to min(max, base * 2^(n-1)). */
export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

export interface RetryOptions {
  /** whether an error may be retried (default: the error's own retriable markers) */
  retriable?: (error: unknown) => boolean;
  onRetry?: (error: unknown, retry: number, delayMs: number) => void;
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** Runs `fn`, retrying retriable errors under `policy`; the last error is thrown as it was. */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY, options: RetryOptions = {}): Promise<T> {
  const retriable = options.retriable ?? isRetriable;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= policy.attempts || !retriable(error) || options.signal?.aborted) throw error;
      const delay = backoffDelay(attempt, policy, options.random);
      options.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}
