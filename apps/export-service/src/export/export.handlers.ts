import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ExportJobRepository } from '@housef3/jobs';
import { Clock, KafkaBus, MessagePublisher } from '@housef3/platform';
import { ExportRunner } from './export.runner';

/** Thin handlers: each hands its message to the runner. */
@Injectable()
export class ExportHandlers implements OnModuleInit {
  constructor(
    @Inject(KafkaBus) private readonly bus: KafkaBus,
    @Inject(ExportRunner) private readonly runner: ExportRunner,
    @Inject(ExportJobRepository) private readonly jobs: ExportJobRepository,
    @Inject(MessagePublisher) private readonly publisher: MessagePublisher,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.bus.on('export.requested', async (m) => void (await this.runner.start(m.payload.exportId)));
    this.bus.on('export.cancel_requested', async (m) => this.runner.cancelLocal(m.payload.exportId));
    this.bus.on('file.package_assembled', (m) => this.runner.assembled(m));
    this.bus.on('file.package_assembly_failed', (m) => this.runner.assemblyFailed(m));
    this.bus.on('file.package_deleted', async (m) => {
      const job = await this.jobs.get(m.payload.exportId);
      if (!job) return;
      if (job.deleteRequestedAt !== undefined) {
        await this.jobs.markDeleted(job.exportId, this.runner.historyTtl(this.clock.now().getTime()));
      } else if (await this.jobs.markExpired(job.exportId)) {
        await this.publisher.publish('export.expired', { exportId: job.exportId, packageKey: job.packageKey }, MessagePublisher.causedBy(m));
      }
    });
  }
}
