import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ImportJobRepository } from '@housef3/jobs';
import { AppLogger, Clock, LOGGER } from '@housef3/platform';
import { ImportServiceConfig } from '../config/import-service.config';
import { ImportRunner } from './import.runner';

/** No import stays in progress without a live worker: abandoned sagas are resumed from their checkpoint. */
@Injectable()
export class ImportSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    @Inject(ImportJobRepository) private readonly jobs: ImportJobRepository,
    @Inject(ImportRunner) private readonly runner: ImportRunner,
    @Inject(ImportServiceConfig) private readonly config: ImportServiceConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: AppLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.IMPORT_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      for await (const job of this.jobs.scanForSweep(this.clock.now().getTime())) {
        if (await this.runner.start(job.importId)) this.logger.warn({ jobId: job.importId, status: job.status, saga: job.saga }, 'import resumed from its checkpoint');
      }
    } catch (e) {
      this.logger.error({ err: e }, 'sweep failed');
    } finally {
      this.sweeping = false;
    }
  }
}
