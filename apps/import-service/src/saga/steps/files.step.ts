import { Inject, Injectable } from '@nestjs/common';
import { ImportJob } from '@housef3/jobs';
import { MessagePublisher, PermanentError } from '@housef3/platform';
import { ImportServiceConfig } from '../../config/import-service.config';
import { progressAt } from '../import.saga';
import { answerKey, AnswerWait, requestAndAwait } from './file-answers';
import { FaultHook } from './fault-hook';
import { RunContext } from './run-context';

/** The original files, in chunks, restored by the file-service (which journals each chunk before it writes). */
@Injectable()
export class FilesStep {
  constructor(
    @Inject(MessagePublisher) private readonly publisher: MessagePublisher,
    @Inject(ImportServiceConfig) private readonly config: ImportServiceConfig,
    @Inject(FaultHook) private readonly fault: FaultHook,
  ) {}

  wait(now: () => number): AnswerWait {
    return { pollMs: this.config.IMPORT_FILE_POLL_MS, resendAfterMs: this.config.IMPORT_FILE_RESEND_MS, giveUpAfterMs: this.config.IMPORT_FILE_STEP_TIMEOUT_MS, now };
  }

  async run(ctx: RunContext, now: () => number): Promise<void> {
    const { lease } = ctx;
    const files = await ctx.restorableFiles();
    const per = this.config.IMPORT_FILES_PER_CHUNK;
    for (let chunk = (lease.job as ProcessingJob).saga.chunk; chunk * per < files.length; chunk++) {
      lease.check();
      const job = lease.job as ProcessingJob;
      const slice = files.slice(chunk * per, (chunk + 1) * per);
      const payload = {
        importId: job.importId, packageKey: job.packageKey ?? job.uploadKey, chunk,
        files: slice.map((f) => ({ fileId: f.targetId, entryName: f.path, targetKey: f.targetKey, sha256: f.checksum, size: f.size })),
      };
      const answer = await requestAndAwait(lease, answerKey('restore', chunk), async () => {
        await this.publisher.publish('file.restore_requested', payload, { correlationId: job.importId, userId: job.userId });
      }, this.wait(now));
      if (answer.outcome === 'restore_failed') throw new PermanentError(answer.errorCode ?? 'FILE_RESTORE_FAILED', answer.errorMessage ?? 'an original file could not be restored');
      const current = lease.job as ProcessingJob;
      const doneFiles = Math.min(files.length, (chunk + 1) * per);
      const bytesDone = files.slice(0, doneFiles).reduce((n, f) => n + f.size, 0);
      const bytesTotal = files.reduce((n, f) => n + f.size, 0);
      lease.report(progressAt(current.work, { phase: 'step', step: 'files', done: bytesDone, total: bytesTotal }, lease.progress, now()));
      await lease.checkpoint({
        saga: { ...current.saga, step: 'files', chunk: chunk + 1, recordsDone: doneFiles, recordsTotal: files.length },
        importResults: { ...current.importResults, filesRestored: current.importResults.filesRestored + answer.restored },
      });
      this.fault.after('files', chunk);
      lease.check();
    }
  }
}

type ProcessingJob = Extract<ImportJob, { status: 'processing' }>;
