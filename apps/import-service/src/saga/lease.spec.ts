import { ImportJob, ImportJobRepository, JobProgress } from '@housef3/jobs';
import { AppLogger } from '@housef3/platform';
import { Lease } from './lease';

/** The job table as the lease sees it: every write recorded, answers held until the test lets them go. */
class FakeJobs {
  job = { importId: 'imp-1', userId: 'u-1', status: 'validating', leaseOwner: 'me', leaseExpiresAt: 0 } as unknown as ImportJob;
  /** progress fractions in the order the table applied them */
  applied: number[] = [];
  heartbeats = 0;
  hold = false;
  private held: (() => void)[] = [];

  async heartbeat(_id: string, _owner: string, now: number, leaseMs: number, set: Record<string, unknown> = {}): Promise<ImportJob | undefined> {
    this.heartbeats++;
    await this.gate();
    return this.apply({ ...set, leaseExpiresAt: now + leaseMs });
  }

  async fencedTransition(_id: string, _owner: string, _from: unknown, to: string, set: Record<string, unknown> = {}): Promise<ImportJob | undefined> {
    await this.gate();
    return this.apply({ ...set, status: to });
  }

  release(): void {
    this.hold = false;
    this.held.splice(0).forEach((go) => go());
  }

  private gate(): Promise<void> {
    return this.hold ? new Promise((go) => this.held.push(go)) : Promise.resolve();
  }

  private apply(set: Record<string, unknown>): ImportJob {
    if (set.progress) this.applied.push((set.progress as JobProgress).fraction);
    this.job = { ...this.job, ...set } as ImportJob;
    return this.job;
  }
}

const log = { warn: () => undefined } as unknown as AppLogger;
const progress = (fraction: number, at: number): JobProgress => ({ fraction, phase: 'validating', updatedAt: at });

describe('Lease', () => {
  let now = 0;
  beforeEach(() => {
    jest.useFakeTimers();
    now = 1_000_000;
  });
  afterEach(() => jest.useRealTimers());

  const advance = async (ms: number) => {
    for (let t = 0; t < ms; t += 100) {
      now += 100;
      await jest.advanceTimersByTimeAsync(100);
    }
  };

  it('records progress reported between renewals every progressEveryMs, not only every third of the lease', async () => {
    const jobs = new FakeJobs();
    const lease = new Lease(jobs as unknown as ImportJobRepository, 'me', jobs.job, { leaseMs: 30000, progressEveryMs: 1000, now: () => now, log }).start();
    for (let i = 1; i <= 8; i++) {
      lease.report(progress(i / 100, now));
      await advance(1000);
    }
    lease.stop();
    // a validation of 8 s is seen moving on the job: 8 values, one a second (with the default, none before 10 s)
    expect(jobs.applied).toEqual([0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08]);
  });

  it('without new progress it only renews every third of the lease', async () => {
    const jobs = new FakeJobs();
    const lease = new Lease(jobs as unknown as ImportJobRepository, 'me', jobs.job, { leaseMs: 30000, progressEveryMs: 1000, now: () => now, log }).start();
    await advance(31000);
    lease.stop();
    expect(jobs.heartbeats).toBe(3);
    expect(jobs.job.leaseExpiresAt).toBeGreaterThan(now);
  });

  it('without progressEveryMs progress goes with the renewals (every third of the lease)', async () => {
    const jobs = new FakeJobs();
    const lease = new Lease(jobs as unknown as ImportJobRepository, 'me', jobs.job, { leaseMs: 3000, now: () => now, log }).start();
    lease.report(progress(0.01, now));
    await advance(900);
    expect(jobs.applied).toEqual([]);
    await advance(200);
    lease.stop();
    expect(jobs.applied).toEqual([0.01]);
  });

  it('a checkpoint asked while a renewal is in flight is written after it: progress on the job never goes back', async () => {
    const jobs = new FakeJobs();
    const lease = new Lease(jobs as unknown as ImportJobRepository, 'me', jobs.job, { leaseMs: 30000, progressEveryMs: 1000, now: () => now, log }).start();
    lease.report(progress(0.1, now));
    jobs.hold = true;
    await advance(1000); // the timer's write of 0.1 is now in flight, held
    expect(jobs.heartbeats).toBe(1);
    lease.report(progress(0.2, now));
    const checkpoint = lease.checkpoint({ saga: { step: 'accounts' } });
    await advance(100);
    expect(jobs.heartbeats).toBe(1); // waits for the renewal
    jobs.release();
    await checkpoint;
    const moved = lease.transition(['validating'], 'processing', { progress: progress(0.3, now) });
    await moved;
    lease.stop();
    expect(jobs.applied).toEqual([0.1, 0.2, 0.3]);
    expect(lease.job.status).toBe('processing');
  });
});
