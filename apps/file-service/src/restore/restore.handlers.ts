import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { KafkaBus } from '@housef3/platform';
import { FileRestoreCompensator } from './file-restore.compensator';
import { FileRestorer } from './file-restorer';

/** Thin handlers of the import's file step and its compensation. */
@Injectable()
export class RestoreHandlers implements OnModuleInit {
  constructor(
    @Inject(KafkaBus) private readonly bus: KafkaBus,
    @Inject(FileRestorer) private readonly restorer: FileRestorer,
    @Inject(FileRestoreCompensator) private readonly compensator: FileRestoreCompensator,
  ) {}

  onModuleInit(): void {
    this.bus.on('file.restore_requested', (m) => this.restorer.restore(m));
    this.bus.on('file.restore_compensate_requested', (m) => this.compensator.compensate(m));
  }
}
