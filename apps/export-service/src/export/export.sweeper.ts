import { Inject, Injectable } from '@nestjs/common';
import { ExportJob, ExportJobRepository } from '@housef3/jobs';
import { AppLogger, Clock, LOGGER, MessagePublisher, PeriodicTask } from '@housef3/platform';
import { ExportServiceConfig } from '../config/export-service.config';
import { ExportRunner } from './export.runner';

/** An initiated job nobody claimed within this many leases lost its command (or its consumer died): claim it here. */
const START_AFTER_LEASES = 3;

/**
 * No job stays processing forever. Every instance periodically looks for jobs whose worker died
 * (lease passed), commands that were lost, packages past their retention and exports the user
 * deleted, and moves each on; conditional updates make concurrent sweepers harmless.
 */
@Injectable()
export class ExportSweeper extends PeriodicTask {
  protected readonly intervalMs: number;
  protected readonly log: AppLogger;

  constructor(
    @Inject(ExportJobRepository) private readonly jobs: ExportJobRepository,
    @Inject(ExportRunner) private readonly runner: ExportRunner,
    @Inject(MessagePublisher) private readonly publisher: MessagePublisher,
    @Inject(ExportServiceConfig) private readonly config: ExportServiceConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: AppLogger,
  ) {
    super();
    this.intervalMs = config.EXPORT_SWEEP_INTERVAL_MS;
    this.log = logger;
  }

  protected async runOnce(): Promise<void> {
    const now = this.clock.now().getTime();
    for await (const job of this.jobs.scanForSweep(now, START_AFTER_LEASES * this.config.EXPORT_LEASE_MS)) {
      await this.handle(job, now).catch((e) => this.logger.error({ err: e, jobId: job.exportId }, 'sweep of a job failed'));
    }
  }

  private async handle(job: ExportJob, now: number): Promise<void> {
    const ctx = { correlationId: job.exportId, userId: job.userId };
    if (job.outbox) await this.runner.finishOutbox(job);
    if (job.deleteRequestedAt !== undefined) {
      this.runner.cancelLocal(job.exportId);
      if (job.status === 'processing' || job.status === 'initiated') await this.runner.failJob(job, 'DELETED', 'deleted by the user');
      await this.publisher.publish('file.package_delete_requested', { exportId: job.exportId, packageKey: job.packageKey, reason: 'deleted_by_user' }, ctx);
      return;
    }
    if (job.status === 'processing') {
      if (job.progress.phase === 'assembling') {
        // The file-service's own sweeper takes abandoned assemblies over; here only the limits.
        if (job.attempt >= this.config.EXPORT_MAX_ATTEMPTS && job.leaseExpiresAt! < now) {
          await this.runner.failJob(job, 'EXPORT_INTERRUPTED', `the package assembly was interrupted ${job.attempt} times and was given up`);
        } else if (job.leaseOwner === undefined && now - job.leaseExpiresAt! > this.config.EXPORT_ASSEMBLY_PICKUP_MS) {
          await this.runner.failJob(job, 'ASSEMBLY_NOT_STARTED', 'no file-service took up the package assembly; please try again');
        }
      } else {
        this.logger.warn({ jobId: job.exportId, attempt: job.attempt }, 'collection abandoned; taking it over');
        await this.runner.start(job.exportId);
      }
      return;
    }
    if (job.status === 'initiated' && now - job.requestedAt > START_AFTER_LEASES * this.config.EXPORT_LEASE_MS) {
      this.logger.warn({ jobId: job.exportId }, 'export not started by its command; claiming it');
      await this.runner.start(job.exportId);
      return;
    }
    if (job.status === 'completed' && job.expiresAt !== undefined && job.expiresAt < now) {
      await this.publisher.publish('file.package_delete_requested', { exportId: job.exportId, packageKey: job.packageKey, reason: 'expired' }, ctx);
    }
  }
}
