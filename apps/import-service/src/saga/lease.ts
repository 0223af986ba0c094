import { ImportJob, ImportJobRepository, ImportStatus, JobProgress } from '@housef3/jobs';
import { AppLogger } from '@housef3/platform';
import { Cancelled, LeaseLost, ShuttingDown } from './import.saga';

export interface LeaseOptions {
  leaseMs: number;
  now: () => number;
  log: AppLogger;
  /**
   * How often progress reported since the last write is recorded on the job, between renewals
   * (default: only with the renewals, every third of the lease). Steps that checkpoint per chunk
   * record it then anyway; validation, verification and waits only report it.
   */
  progressEveryMs?: number;
}

/**
 * A worker's hold on one import, for as long as it works on it: a timer renews the lease every
 * third of its length (through validation, chunks, waits, verification and compensation alike),
 * carrying the latest progress, and records progress reported in between every `progressEveryMs`.
 * When a renewal finds the lease taken (or the job no longer active), or cannot renew before the
 * lease would run out, the lease is lost: `check()` throws from then on and the worker stops. A
 * cancel seen on the job is raised the same way.
 * Every state change goes through `transition()` / `checkpoint()`, both conditioned on the owner,
 * and they run one at a time in the order asked: a renewal never lands after a newer write with
 * older progress, so the progress on the job never goes back.
 */
export class Lease {
  private timer?: NodeJS.Timeout;
  private latest: ImportJob;
  private pendingProgress?: JobProgress;
  private lostReason?: Error;
  private cancelSeen = false;
  private heldUntil: number;
  private renewedAt: number;
  private renewing?: Promise<void>;
  /** the job writes (renewals, checkpoints, transitions), one after the other */
  private writes: Promise<unknown> = Promise.resolve();
  readonly abort = new AbortController();

  constructor(private readonly jobs: ImportJobRepository, readonly owner: string, job: ImportJob, private readonly opts: LeaseOptions) {
    this.latest = job;
    this.heldUntil = job.leaseExpiresAt ?? opts.now() + opts.leaseMs;
    this.renewedAt = opts.now();
    this.cancelSeen = job.cancelRequestedAt !== undefined;
  }

  get job(): ImportJob {
    return this.latest;
  }

  get importId(): string {
    return this.latest.importId;
  }

  /**
   * Starts the heartbeat timer: it renews the lease when a third of it has passed since the last
   * renewal (or checkpoint), and records pending progress every `progressEveryMs`.
   */
  start(): this {
    const renewEvery = Math.max(200, Math.floor(this.opts.leaseMs / 3));
    const tick = Math.max(200, Math.min(renewEvery, this.opts.progressEveryMs ?? renewEvery));
    this.timer = setInterval(() => {
      // renew now when waiting for the next tick would leave it later than a third of the lease
      if (this.progressUnrecorded || this.opts.now() - this.renewedAt + tick > renewEvery) void this.renew();
    }, tick);
    this.timer.unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Marks the lease lost because the service is shutting down (the job is released, no attempt counted). */
  shutDown(): void {
    this.lose(new ShuttingDown());
  }

  /** Throws when the lease is lost (or the service stops); throws Cancelled when the user cancelled and `cancellable`. */
  check(cancellable = true): void {
    if (this.lostReason) throw this.lostReason;
    if (cancellable && this.cancelSeen) throw new Cancelled();
  }

  get cancelRequested(): boolean {
    return this.cancelSeen;
  }

  /** The progress the next renewal (or checkpoint) records. */
  report(progress: JobProgress): void {
    if (!this.latest.progress || progress.fraction >= this.latest.progress.fraction) this.pendingProgress = progress;
  }

  /** Progress reported beyond what the job holds. */
  private get progressUnrecorded(): boolean {
    return this.pendingProgress !== undefined && this.pendingProgress.fraction > (this.latest.progress?.fraction ?? -1);
  }

  get progress(): JobProgress | undefined {
    return this.pendingProgress ?? this.latest.progress;
  }

  /** Renews the lease now, recording `set` (the saga's checkpoint) and any pending progress. */
  checkpoint(set: Record<string, unknown> = {}): Promise<ImportJob> {
    return this.serially(async () => {
      this.check(false);
      const progress = this.pendingProgress;
      const at = this.opts.now();
      const fresh = await this.jobs.heartbeat(this.importId, this.owner, at, this.opts.leaseMs, { ...set, ...(progress && { progress }) });
      const job = this.accept(fresh);
      this.renewedAt = at;
      return job;
    });
  }

  /** A state change by this owner only; throws LeaseLost when the job moved on without us. */
  transition(from: readonly ImportStatus[], to: ImportStatus, set: Record<string, unknown> = {}, remove: string[] = []): Promise<ImportJob> {
    return this.serially(async () => {
      this.check(false);
      const fresh = await this.jobs.fencedTransition(this.importId, this.owner, from, to, set, remove);
      return this.accept(fresh);
    });
  }

  /** Runs a job write after the ones asked before it (their failures are theirs). */
  private serially<T>(write: () => Promise<T>): Promise<T> {
    const run = this.writes.then(write);
    this.writes = run.catch(() => undefined);
    return run;
  }

  /** Reads the job again (e.g. to see the file-service's answers), keeping the lease's view current. */
  async refresh(): Promise<ImportJob> {
    this.check(false);
    const fresh = await this.jobs.get(this.importId);
    if (!fresh || fresh.leaseOwner !== this.owner) return this.accept(undefined);
    this.latest = fresh;
    if (fresh.cancelRequestedAt !== undefined) this.cancelSeen = true;
    return fresh;
  }

  private accept(fresh: ImportJob | undefined): ImportJob {
    if (!fresh) {
      this.lose(new LeaseLost());
      throw this.lostReason!;
    }
    this.latest = fresh;
    this.heldUntil = fresh.leaseExpiresAt ?? this.heldUntil;
    if (this.pendingProgress && fresh.progress && fresh.progress.fraction >= this.pendingProgress.fraction) this.pendingProgress = undefined;
    if (fresh.cancelRequestedAt !== undefined) this.cancelSeen = true;
    return fresh;
  }

  private lose(reason: Error): void {
    if (this.lostReason) return;
    this.lostReason = reason;
    this.stop();
    this.abort.abort(reason);
  }

  private renew(): Promise<void> {
    if (this.renewing || this.lostReason) return this.renewing ?? Promise.resolve();
    this.renewing = (async () => {
      try {
        await this.checkpoint();
      } catch (e) {
        if (e instanceof LeaseLost || e instanceof ShuttingDown) return;
        // a renewal that failed (throttling, a network blip) is tried again at the next tick, as long as the lease lasts
        if (this.opts.now() >= this.heldUntil - Math.floor(this.opts.leaseMs / 6)) {
          this.opts.log.warn({ err: e, jobId: this.importId }, 'could not renew the lease before it ran out; stopping');
          this.lose(new LeaseLost('the lease could not be renewed in time'));
        } else {
          this.opts.log.warn({ err: e, jobId: this.importId }, 'lease renewal failed; retrying');
        }
      } finally {
        this.renewing = undefined;
      }
    })();
    return this.renewing;
  }
}
