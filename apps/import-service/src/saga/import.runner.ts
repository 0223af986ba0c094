import { hostname } from 'node:os';
import { S3Client } from '@aws-sdk/client-s3';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ENTITY_KINDS, EntityKind } from '@housef3/contracts';
import { ACTIVE_IMPORT_STATUSES, ImportJob, ImportJobRepository, importPrefix, isActiveImport, OutboxEntry } from '@housef3/jobs';
import { openPackage, PackageReader, PackageSource } from '@housef3/package-format';
import { AppLogger, Clock, deletePrefix, errorMessage, JOB_METRICS, JobMetrics, LOGGER, MessagePublisher, PermanentError, s3PackageSource, withRetry } from '@housef3/platform';
import { newIdFor, targetFileKey } from '@housef3/import-domain';
import { ImportServiceConfig } from '../config/import-service.config';
import { afterStep, classify, initialSaga, onError, progressAt, RetryLimits, stepKind, tooManyInterruptions } from './import.saga';
import { JournalStore } from './journal.store';
import { Lease } from './lease';
import { OPTIONAL_STEP_ENTITIES, STEP_ENTITY } from './saga-steps';
import { CompensateStep } from './steps/compensate.step';
import { FilesStep } from './steps/files.step';
import { RecordsStep } from './steps/records.step';
import { RestorableFile, RunContext } from './steps/run-context';
import { ValidateStep, validCounts } from './steps/validate.step';
import { VerifyStep } from './steps/verify.step';

const ENTITIES: readonly EntityKind[] = ENTITY_KINDS;
const RETENTION_S = 90 * 24 * 3600;

/**
 * The import saga's executor. It claims a job (a bounded number per replica: the rest waits in the
 * job table), holds it under a lease renewed by a timer, and runs it from wherever the job record
 * says it is: validation, the forward steps (chunked, journaled, fenced), verification, completion;
 * or the compensation. What to do after an error is the state machine's decision (import.saga.ts):
 * transient errors give the job back to resume later, permanent ones and cancels compensate, a
 * compensation that keeps failing ends compensation_failed. Final events go through the job's
 * outbox, so a crash between a transition and its publish loses nothing.
 */
@Injectable()
export class ImportRunner implements OnApplicationShutdown {
  readonly owner = `import-service:${hostname()}:${process.pid}`;
  private readonly running = new Map<string, { lease?: Lease; done: Promise<void> }>();
  private stopping = false;

  constructor(
    @Inject(ImportJobRepository) private readonly jobs: ImportJobRepository,
    @Inject(JournalStore) private readonly journals: JournalStore,
    @Inject(S3Client) private readonly s3: S3Client,
    @Inject(MessagePublisher) private readonly publisher: MessagePublisher,
    @Inject(ImportServiceConfig) private readonly config: ImportServiceConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: AppLogger,
    @Inject(JOB_METRICS) private readonly metrics: JobMetrics,
    @Inject(ValidateStep) private readonly validateStep: ValidateStep,
    @Inject(RecordsStep) private readonly recordsStep: RecordsStep,
    @Inject(FilesStep) private readonly filesStep: FilesStep,
    @Inject(VerifyStep) private readonly verifyStep: VerifyStep,
    @Inject(CompensateStep) private readonly compensateStep: CompensateStep,
  ) {}

  private readonly now = () => this.clock.now().getTime();

  private get limits(): RetryLimits {
    return {
      maxTransientRetries: this.config.IMPORT_MAX_TRANSIENT_RETRIES, maxCompensationAttempts: this.config.IMPORT_MAX_COMPENSATION_ATTEMPTS,
      maxAttempts: this.config.IMPORT_MAX_ATTEMPTS, backoffBaseMs: this.config.IMPORT_RETRY_BASE_MS, backoffMaxMs: this.config.IMPORT_RETRY_MAX_MS,
    };
  }

  /** Jobs this replica works on now. */
  get busy(): number {
    return this.running.size;
  }

  /**
   * Claims the job (if free, and if this replica has a free worker, and a free validation worker
   * when the job is still to validate) and runs it in the background. False when it was not
   * taken: the job stays in the table for whichever replica has room.
   */
  async start(importId: string, opts: { cancelling?: boolean } = {}): Promise<boolean> {
    if (this.stopping || this.running.has(importId) || this.running.size >= this.config.IMPORT_WORKERS) return false;
    const slot: { lease?: Lease; done: Promise<void> } = { done: Promise.resolve() };
    this.running.set(importId, slot);
    try {
      const now = this.now();
      // an import still to validate is claimed only with a validation worker free (a cancel needs none)
      const statuses = this.validateStep.hasFreeWorker || opts.cancelling ? ACTIVE_IMPORT_STATUSES : ACTIVE_IMPORT_STATUSES.filter((s) => s !== 'validating');
      const job = (await this.jobs.claim(importId, this.owner, statuses, now, this.config.IMPORT_LEASE_MS))
        ?? (await this.jobs.claimOutbox(importId, this.owner, now, this.config.IMPORT_LEASE_MS));
      if (!job) {
        this.running.delete(importId);
        return false;
      }
      slot.lease = new Lease(this.jobs, this.owner, job, { leaseMs: this.config.IMPORT_LEASE_MS, progressEveryMs: this.config.IMPORT_PROGRESS_INTERVAL_MS, now: this.now, log: this.logger }).start();
      this.logger.info({ jobId: importId, status: job.status, attempt: job.attempt, instance: this.owner }, 'import claimed');
      slot.done = this.run(slot.lease).finally(() => this.running.delete(importId));
      return true;
    } catch (e) {
      this.running.delete(importId);
      throw e;
    }
  }

  /** Runs the job from where it is; never throws (every outcome is recorded on the job). */
  private async run(lease: Lease): Promise<void> {
    const log = this.logger.child({ jobId: lease.importId, attempt: lease.job.attempt });
    let source: PackageSource | undefined;
    try {
      if (lease.job.outbox) await this.finishOutbox(lease);
      if (!isActiveImport(lease.job)) return;
      if (lease.job.status === 'compensating') return await this.compensate(lease, log);
      if (tooManyInterruptions(lease.job.attempt, this.limits)) throw new PermanentError('IMPORT_INTERRUPTED', `the import was interrupted ${lease.job.attempt - 1} times`);
      source = await s3PackageSource(this.s3, this.config.PACKAGES_BUCKET, lease.job.packageKey ?? lease.job.uploadKey, { etag: lease.job.packageEtag, maxBytes: lease.job.maxPackageBytes });
      if (lease.job.status === 'validating') {
        lease.check();
        await this.validate(lease, source);
        if ((lease.job as ImportJob).status !== 'processing') return;
      }
      const reader = await openPackage(source);
      try {
        await this.process(lease, reader, log);
      } finally {
        await reader.close();
      }
      log.info({ instance: this.owner }, 'import completed');
    } catch (e) {
      await this.afterError(lease, e, log);
    } finally {
      lease.stop();
      await source?.close?.().catch(() => undefined);
    }
  }

  private async validate(lease: Lease, source: PackageSource): Promise<void> {
    const job = lease.job;
    const { results, work } = await this.validateStep.run(lease, source, this.now);
    // a cancel that came while validating wins over the validation's outcome
    await lease.refresh();
    lease.check();
    const passed = results.errorCount === 0;
    const payload = { importId: job.importId, outcome: passed ? 'validation_passed' : 'validation_failed', valid: validCounts(results), warnings: results.warningCount, errors: results.errorCount } as const;
    if (!passed || job.options!.validateOnly) {
      const to = passed ? 'validation_passed' : 'validation_failed';
      const outbox = this.outboxEntry('import.validated', false);
      await lease.transition(['validating'], to, { validationResults: results, completedAt: this.now(), outbox, progress: progressAt(work, { phase: 'done' }, undefined, this.now()) }, ['leaseOwner', 'leaseExpiresAt']);
      await this.finishOutbox(lease, payload);
      return;
    }
    await lease.transition(['validating'], 'processing', {
      validationResults: results, work, saga: initialSaga(), importResults: { counts: {}, filesRestored: 0 }, fileAnswers: {},
      progress: progressAt(work, { phase: 'step', step: initialSaga().step, done: 0, total: 1 }, lease.progress, this.now()),
    });
    await this.publisher.publish('import.validated', payload, { correlationId: job.importId, userId: job.userId });
  }

  /** The forward steps from the checkpoint on, then verification and completion. */
  private async process(lease: Lease, reader: PackageReader, log: AppLogger): Promise<void> {
    const files = memo(() => this.restorableFiles(lease.job, reader));
    const ctx: RunContext = { lease, reader, log, restorableFiles: files };
    for (;;) {
      lease.check();
      const job = lease.job;
      const step = job.saga!.step;
      if (step === 'verify') break;
      const entity = STEP_ENTITY[step];
      if (stepKind(step) === 'records' && entity && (!OPTIONAL_STEP_ENTITIES.has(entity) || reader.hasEntity(entity))) {
        await this.recordsStep.run(ctx, step, entity, this.config.IMPORT_CHUNK_RECORDS, this.now);
      } else if (step === 'files') {
        await this.filesStep.run(ctx, this.now);
      }
      const current = lease.job;
      const counts = entity ? current.importResults!.counts[entity as EntityKind] ?? { created: 0, updated: 0, skipped: 0 } : { created: current.importResults!.filesRestored, updated: 0, skipped: 0 };
      await lease.checkpoint({ saga: afterStep(current.saga!, step) });
      this.metrics.sagaSteps.inc({ step, outcome: 'completed' });
      await this.publisher.publish('import.step_completed', { importId: current.importId, step, chunk: current.saga!.chunk, stepDone: true, counts }, { correlationId: current.importId, userId: current.userId });
    }
    await this.verifyStep.run(ctx, this.now);
    // cancel is honoured up to completion
    await lease.refresh();
    lease.check();
    await this.complete(lease);
  }

  private async complete(lease: Lease): Promise<void> {
    const now = this.now();
    const job = lease.job;
    await lease.transition(['processing'], 'completed', {
      completedAt: now, ttl: Math.floor(now / 1000) + RETENTION_S, outbox: this.outboxEntry('import.completed', true), progress: progressAt(job.work, { phase: 'done' }, undefined, now),
    }, ['leaseOwner', 'leaseExpiresAt', 'fileAnswers']);
    this.metrics.jobs.inc({ kind: 'import', status: 'completed' });
    this.metrics.duration.observe({ kind: 'import', status: 'completed' }, (now - (job.startedAt ?? job.uploadedAt)) / 1000);
    if (job.packageSize !== undefined) this.metrics.packageBytes.observe({ kind: 'import' }, job.packageSize);
    await this.finishOutbox(lease);
  }

  /** Runs the compensation (the job is compensating and ours), then ends failed or cancelled. */
  private async compensate(lease: Lease, log: AppLogger): Promise<void> {
    let reader: PackageReader | undefined;
    let source: PackageSource | undefined;
    const files = memo(async () => {
      source = await s3PackageSource(this.s3, this.config.PACKAGES_BUCKET, lease.job.packageKey ?? lease.job.uploadKey, { etag: lease.job.packageEtag, maxBytes: lease.job.maxPackageBytes });
      reader = await openPackage(source);
      return this.restorableFiles(lease.job, reader);
    });
    try {
      await this.compensateStep.run(lease, files, this.now);
    } finally {
      await reader?.close().catch(() => undefined);
      await source?.close?.().catch(() => undefined);
    }
    const job = lease.job;
    const cancelled = job.errorCode === 'CANCELLED';
    const now = this.now();
    await lease.transition(['compensating'], cancelled ? 'cancelled' : 'failed', {
      completedAt: now, ttl: Math.floor(now / 1000) + RETENTION_S, outbox: this.outboxEntry('import.failed', true),
      progress: progressAt(job.work, { phase: 'done' }, undefined, now),
    }, ['leaseOwner', 'leaseExpiresAt', 'fileAnswers']);
    this.metrics.jobs.inc({ kind: 'import', status: cancelled ? 'cancelled' : 'failed' });
    if (job.saga) this.metrics.sagaSteps.inc({ step: job.saga.step, outcome: 'failed' });
    log.info({ instance: this.owner, status: cancelled ? 'cancelled' : 'failed' }, 'import rolled back');
    await this.finishOutbox(lease);
  }

  /** Applies the state machine's decision after an error; never throws. */
  private async afterError(lease: Lease, error: unknown, log: AppLogger): Promise<void> {
    const job = lease.job;
    const classified = classify(error);
    const decision = onError({ status: job.status, transientRetries: job.transientRetries ?? 0, compensationAttempts: job.compensationAttempts ?? 0 }, classified, this.limits, this.now());
    const stubborn = <T>(fn: () => Promise<T>) => withRetry(fn, { attempts: 6, baseDelayMs: 200, maxDelayMs: 3000 });
    try {
      switch (decision.do) {
        case 'stop':
          log.warn({ instance: this.owner }, 'lease lost; another worker has the import');
          return;
        case 'release':
          lease.stop();
          await stubborn(() => this.jobs.release(job.importId, this.owner));
          log.info({ instance: this.owner }, 'import released (shutting down); another worker resumes it');
          return;
        case 'retry_later':
          lease.stop();
          await stubborn(() => this.jobs.releaseForRetry(job.importId, this.owner, decision.retryAt, decision.error));
          this.metrics.sagaSteps.inc({ step: job.saga?.step ?? 'validate', outcome: 'retried' });
          log.warn({ err: error, retryAt: new Date(decision.retryAt).toISOString(), instance: this.owner }, 'transient error; the import resumes from its checkpoint later');
          return;
        case 'retry_compensation':
          lease.stop();
          await stubborn(() => this.jobs.update(job.importId, {
            UpdateExpression: 'SET compensationAttempts = if_not_exists(compensationAttempts, :zero) + :one', ConditionExpression: 'leaseOwner = :o',
            ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':o': this.owner },
          }));
          await stubborn(() => this.jobs.releaseForRetry(job.importId, this.owner, decision.retryAt, decision.error));
          log.error({ err: error, retryAt: new Date(decision.retryAt).toISOString() }, 'compensation failed; it is retried later');
          return;
        case 'give_up_compensation': {
          lease.stop();
          const now = this.now();
          await stubborn(() => lease.transition(['compensating'], 'compensation_failed', {
            completedAt: now, compensationAttempts: (job.compensationAttempts ?? 0) + 1, lastTransientError: decision.error.slice(0, 500),
            outbox: this.outboxEntry('import.failed', false),
          }, ['leaseOwner', 'leaseExpiresAt']));
          this.metrics.jobs.inc({ kind: 'import', status: 'compensation_failed' });
          log.error({ err: error, instance: this.owner }, 'compensation gave up after its bounded attempts: the import needs an operator (docs/operations.md)');
          await this.finishOutbox(lease);
          return;
        }
        case 'compensate': {
          log.warn({ err: error, code: decision.code, instance: this.owner }, 'import failed; compensating');
          await stubborn(() => lease.transition(['validating', 'processing'], 'compensating', {
            error: publicMessage(decision.code, decision.message), errorCode: decision.code, failedStep: job.saga?.step ?? 'validate',
            fileAnswers: job.fileAnswers ?? {}, compensationAttempts: 0,
          }));
          try {
            await this.compensate(lease, log);
          } catch (e) {
            // the job is compensating now: the state machine decides again (retry later, or give up)
            await this.afterError(lease, e, log);
          }
          return;
        }
      }
    } catch (e) {
      log.error({ err: e, cause: errorMessage(error) }, 'could not record the outcome; the lease runs out and the sweeper takes the job over');
    }
  }

  /** Publishes the job's outbox event (fixed id: consumers dedupe redeliveries), does its clean-up, clears it. */
  private async finishOutbox(lease: Lease, validated?: { importId: string; outcome: 'validation_passed' | 'validation_failed'; valid: Record<EntityKind, number>; warnings: number; errors: number }): Promise<void> {
    const job = (await this.jobs.get(lease.importId)) ?? lease.job;
    const entry = job.outbox;
    if (!entry) return;
    const ctx = { correlationId: job.importId, userId: job.userId, messageId: entry.messageId, occurredAt: entry.occurredAt };
    if (entry.type === 'import.completed') {
      const counts = Object.fromEntries(ENTITIES.map((e) => [e, job.importResults?.counts[e] ?? { created: 0, updated: 0, skipped: 0 }]));
      const analyticsRestored = (counts.analytics.created + counts.analytics.updated) > 0;
      const completedAt = job.completedAt ?? this.now();
      await this.publisher.publish('import.completed', {
        importId: job.importId, counts: counts as never, filesRestored: job.importResults?.filesRestored ?? 0, analyticsRestored,
        regenerateAnalytics: !analyticsRestored, idsRemapped: job.options?.remapIds ?? false, durationMs: Math.max(0, completedAt - (job.startedAt ?? job.uploadedAt)),
        completedAt: new Date(completedAt).toISOString(),
      }, ctx);
    } else if (entry.type === 'import.failed') {
      const compensated = job.status !== 'compensation_failed';
      await this.publisher.publish('import.failed', {
        importId: job.importId,
        error: { code: compensated ? job.errorCode ?? 'IMPORT_FAILED' : 'COMPENSATION_FAILED', message: (job.error ?? 'the import failed').slice(0, 4000), retriable: false },
        failedStep: job.failedStep, compensated, ...(job.status === 'cancelled' && { cancelledBy: job.userId }),
      }, ctx);
    } else {
      const results = job.validationResults;
      await this.publisher.publish('import.validated', validated ?? {
        importId: job.importId, outcome: results && results.errorCount === 0 ? 'validation_passed' : 'validation_failed', valid: validCounts(results ?? { summary: {}, errors: [], warnings: [], errorCount: 0, warningCount: 0 }),
        warnings: results?.warningCount ?? 0, errors: results?.errorCount ?? 0,
      }, ctx);
    }
    if (entry.cleanUp) await deletePrefix(this.s3, this.config.PACKAGES_BUCKET, importPrefix(job.userId, job.importId));
    await this.jobs.clearOutbox(job.importId, entry.messageId, { releaseLease: !isActiveImport(job) });
  }

  private outboxEntry(type: OutboxEntry['type'], cleanUp: boolean): OutboxEntry {
    return { type, messageId: this.publisher.newMessageId(), occurredAt: this.clock.now().toISOString(), cleanUp };
  }

  /**
   * The package's original files this import restores, with their target id and key: all of them
   * but those whose transaction-file record the merge strategy skipped (they stay as they are).
   */
  private async restorableFiles(job: ImportJob, reader: PackageReader): Promise<RestorableFile[]> {
    const skipped = new Set<string>();
    for (const chunk of await this.journals.chunks(job.userId, job.importId, 'transaction_files')) {
      for (const key of (await this.journals.get(job.userId, job.importId, 'transaction_files', chunk))?.skipped ?? []) skipped.add(key.fileId?.S ?? '');
    }
    const names = new Map<string, string>();
    for await (const { record } of reader.records('transaction_files')) names.set(record!.fileId, record!.fileName);
    return reader.files
      .map((f) => {
        const targetId = job.options!.remapIds ? newIdFor(job.importId, 'transaction_files', f.fileId) : f.fileId;
        return { ...f, targetId, targetKey: targetFileKey(job.userId, targetId, names.get(f.fileId) ?? f.name) };
      })
      .filter((f) => !skipped.has(f.targetId));
  }

  /** Graceful shutdown: every job this replica holds is given back (no attempt counted), so a rolling deploy costs nothing. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    const held = [...this.running.values()];
    for (const slot of held) slot.lease?.shutDown();
    await Promise.race([Promise.all(held.map((s) => s.done)), new Promise((r) => setTimeout(r, 10000).unref())]);
  }
}

/** What a user may read of a failure: our own messages as they are, anything else without internals. */
function publicMessage(code: string, message: string): string {
  if (code === 'IMPORT_FAILED' || code === 'TRANSIENT_ERRORS_EXHAUSTED') return 'the import failed because of an internal error; nothing of it was kept. Please try again later.';
  return message.slice(0, 4000);
}

function memo<T>(fn: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= fn());
}
