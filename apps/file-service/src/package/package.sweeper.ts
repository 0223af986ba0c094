import { Inject, Injectable } from '@nestjs/common';
import { ExportJobRepository } from '@housef3/jobs';
import { AppLogger, Clock, LOGGER, PeriodicTask } from '@housef3/platform';
import { FileServiceConfig } from '../config/file-service.config';
import { PackageAssembler } from './package.assembler';

/**
 * Takes up package assemblies nobody is working on: handed over but never picked up (the command
 * is stuck behind a dead consumer until Kafka rebalances), or abandoned by a file-service that
 * died. Recovery goes through the job table, not through Kafka redelivery.
 */
@Injectable()
export class PackageSweeper extends PeriodicTask {
  protected readonly intervalMs: number;
  protected readonly log: AppLogger;

  constructor(
    @Inject(ExportJobRepository) private readonly jobs: ExportJobRepository,
    @Inject(PackageAssembler) private readonly assembler: PackageAssembler,
    @Inject(FileServiceConfig) private readonly config: FileServiceConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: AppLogger,
  ) {
    super();
    this.intervalMs = config.FILE_SWEEP_INTERVAL_MS;
    this.log = logger;
  }

  protected async runOnce(): Promise<void> {
    for await (const job of this.jobs.scanForSweep(this.clock.now().getTime())) {
      if (job.status !== 'processing' || job.progress.phase !== 'assembling' || job.deleteRequestedAt !== undefined) continue;
      if (await this.assembler.resume(job.exportId, { correlationId: job.exportId, userId: job.userId })) {
        this.logger.warn({ jobId: job.exportId, previousOwner: job.leaseOwner ?? null }, 'package assembly taken up by the sweeper');
      }
    }
  }
}
