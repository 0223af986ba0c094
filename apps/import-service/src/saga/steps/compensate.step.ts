import { S3Client } from '@aws-sdk/client-s3';
import { Inject, Injectable } from '@nestjs/common';
import { SagaStep } from '@housef3/contracts';
import { ImportJobRepository, importPrefix } from '@housef3/jobs';
import { chunkNumbers, JOB_METRICS, JobMetrics, MessagePublisher } from '@housef3/platform';
import { ImportServiceConfig } from '../../config/import-service.config';
import { ChunkWriter } from '../chunk-writer';
import { compensationPlan, progressAt } from '../import.saga';
import { JournalStore } from '../journal.store';
import { Lease } from '../lease';
import { STEP_ENTITY } from '../saga-steps';
import { answerKey, requestAndAwait } from './file-answers';
import { FaultHook } from './fault-hook';
import { FilesStep } from './files.step';
import { RestorableFile } from './run-context';

/**
 * Undoes every step done and the step in flight, newest first (compensationPlan): record steps by
 * replaying their journals backwards (fenced on the lease like the writes), the files step by the
 * file-service, chunk by chunk, the chunk in flight included (its compensation also makes a late
 * restore of that chunk a no-op). Every compensation is idempotent; a resumed rollback skips the
 * steps already compensated.
 */
@Injectable()
export class CompensateStep {
  constructor(
    @Inject(ChunkWriter) private readonly writer: ChunkWriter,
    @Inject(JournalStore) private readonly journals: JournalStore,
    @Inject(ImportJobRepository) private readonly jobs: ImportJobRepository,
    @Inject(MessagePublisher) private readonly publisher: MessagePublisher,
    @Inject(S3Client) private readonly s3: S3Client,
    @Inject(ImportServiceConfig) private readonly config: ImportServiceConfig,
    @Inject(FilesStep) private readonly filesStep: FilesStep,
    @Inject(FaultHook) private readonly fault: FaultHook,
    @Inject(JOB_METRICS) private readonly metrics: JobMetrics,
  ) {}

  async run(lease: Lease, files: () => Promise<RestorableFile[] | undefined>, now: () => number): Promise<void> {
    const job = lease.job;
    const plan = compensationPlan(job.saga).filter((s) => !job.saga?.compensated?.includes(s));
    const ctx = { correlationId: job.importId, userId: job.userId };
    let done = 0;
    for (const step of plan) {
      lease.check(false);
      this.fault.compensation(step);
      const { deleted, restored } = step === 'files' ? await this.files(lease, files, now) : await this.records(lease, step);
      this.metrics.compensations.inc({ step });
      await this.publisher.publish('import.compensation_completed', { importId: job.importId, step, deleted, restored }, ctx);
      done++;
      lease.report(progressAt(lease.job.work, { phase: 'rolling_back', done, total: plan.length }, lease.progress, now()));
      const saga = lease.job.saga!;
      await lease.checkpoint({ saga: { ...saga, compensated: [...(saga.compensated ?? []), step] } });
    }
  }

  private async records(lease: Lease, step: SagaStep): Promise<{ deleted: number; restored: number }> {
    const job = lease.job;
    const entity = STEP_ENTITY[step]!;
    let deleted = 0;
    let restored = 0;
    for (const chunk of await this.journals.chunks(job.userId, job.importId, step)) {
      lease.check(false);
      const journal = await this.journals.get(job.userId, job.importId, step, chunk);
      if (!journal) continue;
      const r = await this.writer.undo(entity, journal, job.userId, this.jobs.fence(job.importId, lease.owner, 'compensating'));
      deleted += r.deleted;
      restored += r.restored;
    }
    return { deleted, restored };
  }

  /** Every chunk the files step requested (the one in flight included), newest first. */
  private async files(lease: Lease, files: () => Promise<RestorableFile[] | undefined>, now: () => number): Promise<{ deleted: number; restored: number }> {
    const job = lease.job;
    const saga = job.saga!;
    const per = this.config.IMPORT_FILES_PER_CHUNK;
    const all = await files().catch(() => undefined);
    const journaled = await chunkNumbers(this.s3, this.config.PACKAGES_BUCKET, `${importPrefix(job.userId, job.importId)}file-journal/`);
    const requested = all === undefined ? 0 : saga.completedSteps.includes('files') ? Math.ceil(all.length / per) : saga.step === 'files' ? saga.chunk + 1 : 0;
    const chunks = [...new Set([...journaled, ...Array.from({ length: requested }, (_, i) => i)])].sort((a, b) => b - a);
    let deleted = 0;
    let restored = 0;
    for (const chunk of chunks) {
      lease.check(false);
      const targetKeys = (all ?? []).slice(chunk * per, (chunk + 1) * per).map((f) => f.targetKey);
      const answer = await requestAndAwait(lease, answerKey('compensate', chunk), async () => {
        await this.publisher.publish('file.restore_compensate_requested', { importId: job.importId, chunk, targetKeys }, { correlationId: job.importId, userId: job.userId });
      }, this.filesStep.wait(now));
      deleted += answer.deleted ?? 0;
      restored += answer.restored;
    }
    return { deleted, restored };
  }
}
