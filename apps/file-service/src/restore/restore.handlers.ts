import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ImportJobRepository } from '@housef3/jobs';
import { KafkaBus } from '@housef3/platform';
import { checkRestore, checkRestoreCompensation } from '../commands/command-checks';
import { FileRestoreCompensator } from './file-restore.compensator';
import { FileRestorer } from './file-restorer';

/** Thin handlers of the import's file step and its compensation, each checked against its import job first. */
@Injectable()
export class RestoreHandlers implements OnModuleInit {
  constructor(
    @Inject(KafkaBus) private readonly bus: KafkaBus,
    @Inject(FileRestorer) private readonly restorer: FileRestorer,
    @Inject(FileRestoreCompensator) private readonly compensator: FileRestoreCompensator,
    @Inject(ImportJobRepository) private readonly jobs: ImportJobRepository,
  ) {}

  onModuleInit(): void {
    this.bus.on('file.restore_requested', async (m) => {
      const job = await this.jobs.get(m.payload.importId);
      checkRestore(job, m);
      // the package as it was pinned at start: any other object under that key is refused
      await this.restorer.restore(m, job?.packageEtag);
    });
    this.bus.on('file.restore_compensate_requested', async (m) => {
      checkRestoreCompensation(await this.jobs.get(m.payload.importId), m);
      await this.compensator.compensate(m);
    });
  }
}
