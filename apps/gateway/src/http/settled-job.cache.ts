import { Clock } from '@housef3/platform';
import { BoundedLru } from './bounded-lru';

/**
 * The jobs of users, as last read, for a short while once they are settled (a final status that
 * only a delete, an expiry or an erasure can still change). A finished job's status is polled,
 * sometimes hard, by clients that wait for it or show it: each poll used to be a consistent
 * GetItem for an answer that does not change. Jobs still running are never kept: their progress
 * must be fresh.
 *
 * Keyed by user and job, and filled only from reads made for that user (`getForUser`), so one
 * user's entry can never answer another's request. Staleness is bounded by `ttlMs`: a delete
 * made through this replica forgets the entry at once; one made through another replica (or the
 * sweeper's expiry) shows here within `ttlMs`. At most `maxEntries` jobs are kept, least
 * recently used going first.
 */
export class SettledJobCache<J> {
  private readonly entries: BoundedLru<string, { job: J; until: number }>;

  constructor(
    private readonly clock: Clock,
    private readonly isSettled: (job: J) => boolean,
    private readonly ttlMs: number,
    maxEntries = 10000,
  ) {
    this.entries = new BoundedLru(maxEntries);
  }

  async get(userId: string, jobId: string, load: () => Promise<J | undefined>): Promise<J | undefined> {
    const id = `${userId}\n${jobId}`;
    const now = this.clock.now().getTime();
    const hit = this.entries.get(id);
    if (hit && hit.until > now) return hit.job;
    if (hit) this.entries.delete(id);
    const job = await load();
    if (job !== undefined && this.ttlMs > 0 && this.isSettled(job)) this.entries.set(id, { job, until: now + this.ttlMs });
    return job;
  }

  /** Forgets a job (it is being deleted or changed through this replica). */
  forget(userId: string, jobId: string): void {
    this.entries.delete(`${userId}\n${jobId}`);
  }
}
