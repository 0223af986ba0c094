import { S3Client } from '@aws-sdk/client-s3';
import { Inject, Injectable } from '@nestjs/common';
import { ImportJob, ImportJobRepository, importPrefix } from '@housef3/jobs';
import { AppLogger, Clock, deletePrefix, LOGGER, PeriodicTask } from '@housef3/platform';
import { ImportServiceConfig } from '../config/import-service.config';
import { erasureFinal, retentionAction } from './retention-policy';

/** How long an erased import's record stays before DynamoDB's TTL removes it (the audit trail keeps the history). */
const RECORD_TTL_S = 90 * 24 * 3600;

/**
 * Nothing of an import is kept longer than promised: every instance periodically erases the
 * objects of imports that ended past IMPORT_RETENTION_MS, that the user deleted, or that were
 * never started (their upload URL expired IMPORT_UNSTARTED_GRACE_MS ago; they are cancelled).
 * Deletion is idempotent, so concurrent sweepers are harmless.
 */
@Injectable()
export class ImportRetentionSweeper extends PeriodicTask {
  protected readonly intervalMs: number;
  protected readonly log: AppLogger;

  constructor(
    @Inject(ImportJobRepository) private readonly jobs: ImportJobRepository,
    @Inject(S3Client) private readonly s3: S3Client,
    @Inject(ImportServiceConfig) private readonly config: ImportServiceConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(LOGGER) logger: AppLogger,
  ) {
    super();
    this.intervalMs = config.IMPORT_RETENTION_SWEEP_INTERVAL_MS;
    this.log = logger;
  }

  protected async runOnce(): Promise<void> {
    const settings = { retentionMs: this.config.IMPORT_RETENTION_MS, unstartedGraceMs: this.config.IMPORT_UNSTARTED_GRACE_MS };
    for await (const job of this.jobs.scanForRetention()) {
      const now = this.clock.now().getTime();
      const action = retentionAction(job, now, settings);
      if (action) await this.erase(job, action, now).catch((e) => this.log.error({ err: e, jobId: job.importId }, 'retention of an import failed; retried at the next sweep'));
    }
  }

  private async erase(job: ImportJob, action: 'erase' | 'give_up', now: number): Promise<void> {
    if (action === 'give_up') {
      const moved = await this.jobs.transition(job.importId, ['awaiting_upload'], 'cancelled', { completedAt: now, errorCode: 'NEVER_STARTED', error: 'the package was not started before its upload URL expired' });
      if (!moved) return; // started meanwhile: not ours to erase
    }
    const deleted = await deletePrefix(this.s3, this.config.PACKAGES_BUCKET, importPrefix(job.userId, job.importId));
    if (erasureFinal(job, now)) await this.jobs.markErased(job.importId, now, Math.floor(now / 1000) + RECORD_TTL_S);
    this.log.info({ jobId: job.importId, action, deleted }, 'import objects erased');
  }
}
