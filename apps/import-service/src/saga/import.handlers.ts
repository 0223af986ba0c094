import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { KafkaBus } from '@housef3/platform';
import { FileEvents } from './file-events';
import { ImportRunner } from './import.runner';

/** Thin handlers: commands start (or resume) the saga; file events answer its waiting steps. */
@Injectable()
export class ImportHandlers implements OnModuleInit {
  constructor(
    @Inject(KafkaBus) private readonly bus: KafkaBus,
    @Inject(ImportRunner) private readonly runner: ImportRunner,
    @Inject(FileEvents) private readonly fileEvents: FileEvents,
  ) {}

  onModuleInit(): void {
    this.bus.on('import.requested', async (m) => void (await this.runner.start(m.payload.importId)));
    // the running saga sees cancelRequestedAt at its next checkpoint and compensates
    this.bus.on('import.cancel_requested', async (m) => void (await this.runner.start(m.payload.importId)));
    this.bus.on('file.restored', async (m) => this.fileEvents.deliver(m));
    this.bus.on('file.restore_failed', async (m) => this.fileEvents.deliver(m));
    this.bus.on('file.restore_compensated', async (m) => this.fileEvents.deliver(m));
  }
}
