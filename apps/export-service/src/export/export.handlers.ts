import { Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { MessageOf } from '@housef3/contracts';
import { ExportJobRepository } from '@housef3/jobs';
import { Clock, MessageController } from '@housef3/platform';
import { ExportRunner } from './export.runner';

/** Thin handlers: each hands its message to the runner. */
@MessageController()
export class ExportHandlers {
  constructor(
    @Inject(ExportRunner) private readonly runner: ExportRunner,
    @Inject(ExportJobRepository) private readonly jobs: ExportJobRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @EventPattern('export.requested')
  async requested(@Payload() m: MessageOf<'export.requested'>): Promise<void> {
    await this.runner.start(m.payload.exportId);
  }

  @EventPattern('export.cancel_requested')
  async cancelRequested(@Payload() m: MessageOf<'export.cancel_requested'>): Promise<void> {
    this.runner.cancelLocal(m.payload.exportId);
  }

  @EventPattern('file.package_assembled')
  assembled(@Payload() m: MessageOf<'file.package_assembled'>): Promise<void> {
    return this.runner.assembled(m);
  }

  @EventPattern('file.package_assembly_failed')
  assemblyFailed(@Payload() m: MessageOf<'file.package_assembly_failed'>): Promise<void> {
    return this.runner.assemblyFailed(m);
  }

  @EventPattern('file.package_deleted')
  async packageDeleted(@Payload() m: MessageOf<'file.package_deleted'>): Promise<void> {
    const job = await this.jobs.get(m.payload.exportId);
    if (!job) return;
    if (job.deleteRequestedAt !== undefined) await this.jobs.markDeleted(job.exportId, this.runner.historyTtl(this.clock.now().getTime()));
    else await this.runner.expired(job.exportId);
  }
}
