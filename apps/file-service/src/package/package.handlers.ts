import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ExportJobRepository } from '@housef3/jobs';
import { Clock, KafkaBus, MessagePublisher } from '@housef3/platform';
import { checkPackageDelete } from '../commands/command-checks';
import { FileServiceConfig } from '../config/file-service.config';
import { FileStorage } from './file-storage';
import { PackageAssembler } from './package.assembler';

/** Thin handlers of the package commands; a delete is done only when the export's job backs it. */
@Injectable()
export class PackageHandlers implements OnModuleInit {
  constructor(
    @Inject(KafkaBus) private readonly bus: KafkaBus,
    @Inject(PackageAssembler) private readonly assembler: PackageAssembler,
    @Inject(FileStorage) private readonly storage: FileStorage,
    @Inject(MessagePublisher) private readonly publisher: MessagePublisher,
    @Inject(ExportJobRepository) private readonly jobs: ExportJobRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(FileServiceConfig) private readonly config: FileServiceConfig,
  ) {}

  onModuleInit(): void {
    this.bus.on('file.package_assemble_requested', (m) => this.assembler.start(m));
    this.bus.on('file.package_delete_requested', async (m) => {
      checkPackageDelete(await this.jobs.get(m.payload.exportId), m, this.clock.now().getTime());
      this.assembler.cancel(m.payload.exportId);
      await this.storage.abortUploads(this.config.PACKAGES_BUCKET, m.payload.packageKey);
      await this.storage.delete(this.config.PACKAGES_BUCKET, m.payload.packageKey);
      await this.publisher.publish('file.package_deleted', { exportId: m.payload.exportId, packageKey: m.payload.packageKey }, MessagePublisher.causedBy(m));
    });
  }
}
