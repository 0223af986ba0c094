import { Inject, Injectable } from '@nestjs/common';
import { ImportJobRepository } from '@housef3/jobs';
import { AppLogger, Clock, LOGGER, PeriodicTask } from '@housef3/platform';
import { ImportServiceConfig } from '../config/import-service.config';
import { ImportRunner } from './import.runner';

/** No import stays in progress without a live worker: abandoned sagas are resumed from their checkpoint. */
@Injectable()
export class ImportSweeper extends PeriodicTask {
  protected readonly intervalMs: number;
  protected readonly log: AppLogger;

  constructor(
    @Inject(ImportJobRepository) private readonly jobs: ImportJobRepository,
    @Inject(ImportRunner) private readonly runner: ImportRunner,
    @Inject(ImportServiceConfig) private readonly config: ImportServiceConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: AppLogger,
  ) {
    super();
    this.intervalMs = config.IMPORT_SWEEP_INTERVAL_MS;
    this.log = logger;
  }

  protected async runOnce(): Promise<void> {
    for await (const job of this.jobs.scanForSweep(this.clock.now().getTime())) {
      if (!(await this.runner.start(job.importId))) continue;
      // a lease that ran out is a worker that died; a job without one was waiting for a free worker (or its retry time)
      if (job.leaseOwner) this.logger.warn({ jobId: job.importId, status: job.status, saga: job.saga }, 'import resumed from its checkpoint');
      else this.logger.info({ jobId: job.importId, status: job.status }, 'import taken up by a free worker');
    }
  }
}
