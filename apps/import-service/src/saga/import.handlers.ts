import { Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { MessageOf } from '@housef3/contracts';
import { FileChunkAnswer, ImportJobRepository } from '@housef3/jobs';
import { Clock, MessageController } from '@housef3/platform';
import { ImportRunner } from './import.runner';
import { answerKey } from './steps/file-answers';

type FileOutcome = MessageOf<'file.restored'> | MessageOf<'file.restore_failed'> | MessageOf<'file.restore_compensated'>;

/**
 * Thin handlers. Commands start (or resume) the saga on whichever replica has a free worker; the
 * file-service's answers are recorded on the job, wherever they land, for the saga's worker to read.
 */
@MessageController()
export class ImportHandlers {
  constructor(
    @Inject(ImportRunner) private readonly runner: ImportRunner,
    @Inject(ImportJobRepository) private readonly jobs: ImportJobRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @EventPattern('import.requested')
  async requested(@Payload() m: MessageOf<'import.requested'>): Promise<void> {
    await this.runner.start(m.payload.importId);
  }

  /** The worker holding the job sees cancelRequestedAt at its next lease renewal; a job nobody holds is taken here. */
  @EventPattern('import.cancel_requested')
  async cancelRequested(@Payload() m: MessageOf<'import.cancel_requested'>): Promise<void> {
    await this.runner.start(m.payload.importId, { cancelling: true });
  }

  @EventPattern('file.restored')
  restored(@Payload() m: MessageOf<'file.restored'>): Promise<void> {
    return this.answer(m);
  }

  @EventPattern('file.restore_failed')
  restoreFailed(@Payload() m: MessageOf<'file.restore_failed'>): Promise<void> {
    return this.answer(m);
  }

  @EventPattern('file.restore_compensated')
  compensated(@Payload() m: MessageOf<'file.restore_compensated'>): Promise<void> {
    return this.answer(m);
  }

  private async answer(m: FileOutcome): Promise<void> {
    const at = this.clock.now().getTime();
    let key: string;
    let answer: FileChunkAnswer;
    if (m.type === 'file.restored') {
      key = answerKey('restore', m.payload.chunk);
      answer = { outcome: 'restored', restored: m.payload.restored.length, at };
    } else if (m.type === 'file.restore_failed') {
      key = answerKey('restore', m.payload.chunk);
      answer = { outcome: 'restore_failed', restored: 0, errorCode: m.payload.error.code, errorMessage: m.payload.error.message, at };
    } else {
      key = answerKey('compensate', m.payload.chunk);
      answer = { outcome: 'compensated', restored: m.payload.restored, deleted: m.payload.deleted, at };
    }
    const job = await this.jobs.get(m.payload.importId);
    // an answer for another user's job, or one nobody waits for any more, changes nothing
    if (!job || job.userId !== m.userId) return;
    await this.jobs.recordFileAnswer(m.payload.importId, key, answer);
  }
}
