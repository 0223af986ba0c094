import { hostname } from 'node:os';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { MessageOf } from '@housef3/contracts';
import { ExportJob, ExportJobRepository, ExportOutboxEntry, ExportPlan, ExportProgress, exportStagingRoot, stagingPrefix } from '@housef3/jobs';
import { AppLogger, Clock, errorMessage, isRetriable, JOB_METRICS, JobMetrics, LOGGER, MessagePublisher, PermanentError } from '@housef3/platform';
import { ExportServiceConfig } from '../config/export-service.config';
import { ExportCollector } from './export.collector';
import { StagingStore } from './staging.store';
import { zeroCounts } from './zero-counts';

/**
 * Drives one export through its phases. Handlers only claim and start: the collection runs in
 * the background under a lease renewed by heartbeats, so a Kafka handler never runs for long
 * and a crashed instance's job is taken over by the sweeper (ExportSweeper) once its lease passes.
 */
@Injectable()
export class ExportRunner implements OnApplicationShutdown {
  readonly owner = `export-service:${hostname()}:${process.pid}`;
  private readonly running = new Map<string, AbortController>();
  private stopping = false;

  constructor(
    @Inject(ExportJobRepository) private readonly jobs: ExportJobRepository,
    @Inject(ExportCollector) private readonly collector: ExportCollector,
    @Inject(StagingStore) private readonly staging: StagingStore,
    @Inject(MessagePublisher) private readonly publisher: MessagePublisher,
    @Inject(ExportServiceConfig) private readonly config: ExportServiceConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: AppLogger,
    @Inject(JOB_METRICS) private readonly metrics: JobMetrics,
  ) {}

  private now() {
    return this.clock.now().getTime();
  }

  /** Claims the job (initiated, or abandoned by a dead worker) and collects in the background. */
  async start(exportId: string): Promise<boolean> {
    if (this.stopping || this.running.has(exportId) || this.running.size >= this.config.EXPORT_WORKERS) return false;
    const current = await this.jobs.get(exportId);
    if (!current) return false;
    if (current.status === 'processing' && current.attempt >= this.config.EXPORT_MAX_ATTEMPTS) {
      await this.failJob(current, 'EXPORT_INTERRUPTED', `the export was interrupted ${current.attempt} times and was given up`);
      return false;
    }
    const job = await this.jobs.claim(exportId, this.owner, this.now(), this.config.EXPORT_LEASE_MS, 'collecting');
    if (!job) return false;
    const abort = new AbortController();
    this.running.set(exportId, abort);
    void this.collect(job, abort).finally(() => this.running.delete(exportId));
    return true;
  }

  /** The user deleted the export: stop local work (the heartbeat would stop it anyway). */
  cancelLocal(exportId: string): void {
    this.running.get(exportId)?.abort(new Error('export deleted by the user'));
  }

  private async collect(job: ExportJob, abort: AbortController): Promise<void> {
    const log = this.logger.child({ jobId: job.exportId, attempt: job.attempt });
    const progress: ExportProgress = { phase: 'collecting', recordsDone: 0, bytesDone: 0 };
    const beat = setInterval(() => {
      this.jobs.heartbeat(job.exportId, this.owner, this.now(), this.config.EXPORT_LEASE_MS, { ...progress })
        .then((mine) => mine || abort.abort(new Error('lease lost: the job was taken over, ended or deleted')))
        .catch((e) => log.warn({ err: e }, 'heartbeat failed'));
    }, Math.max(250, Math.floor(this.config.EXPORT_LEASE_MS / 3)));
    try {
      const exportTimestamp = new Date(this.now()).toISOString();
      const result = await this.collector.collect(job, progress, abort.signal);
      const prefix = stagingPrefix(job.userId, job.exportId, job.attempt);
      const plan: ExportPlan = {
        version: 2, exportId: job.exportId, userId: job.userId, attempt: job.attempt, exportTimestamp,
        housef3Version: this.config.HOUSEF3_VERSION, includeAnalytics: job.parameters.includeAnalytics, entities: result.entities, files: result.files,
      };
      const planKey = `${prefix}plan.json`;
      await this.staging.putPlan(planKey, plan);
      abort.signal.throwIfAborted();
      const handed = await this.jobs.handOver(job.exportId, this.owner, this.now(), this.config.EXPORT_LEASE_MS * 2,
        { phase: 'assembling', recordsDone: progress.recordsDone, bytesDone: 0, counts: result.counts }, planKey);
      if (!handed) throw abort.signal.reason ?? new Error('lease lost before hand-over');
      await this.publisher.publish('file.package_assemble_requested', { exportId: job.exportId, planKey, packageKey: job.packageKey }, { correlationId: job.exportId, userId: job.userId });
      log.info({ records: progress.recordsDone, files: result.files.length }, 'collection done; assembly requested');
    } catch (e) {
      if (abort.signal.aborted) {
        if (abort.signal.reason instanceof ShuttingDown) {
          // a rolling deploy: give the job back at once, no attempt counted
          await this.jobs.releaseForRetry(job.exportId, this.owner, this.now()).catch(() => undefined);
        }
        log.warn({ reason: errorMessage(abort.signal.reason) }, 'collection stopped');
        return;
      }
      const retries = (job.transientRetries ?? 0) + 1;
      if (isRetriable(e) && retries <= this.config.EXPORT_MAX_TRANSIENT_RETRIES) {
        const retryAt = this.now() + Math.min(this.config.EXPORT_RETRY_MAX_MS, this.config.EXPORT_RETRY_BASE_MS * 2 ** (retries - 1));
        log.warn({ err: e, retryAt: new Date(retryAt).toISOString() }, 'transient error; the collection resumes later');
        await this.jobs.releaseForRetry(job.exportId, this.owner, retryAt).catch((r) => log.warn({ err: r }, 'could not release the job; its lease runs out instead'));
        return;
      }
      log.error({ err: e }, 'collection failed');
      const code = e instanceof PermanentError ? e.code : isRetriable(e) ? 'TRANSIENT_ERRORS_EXHAUSTED' : 'EXPORT_FAILED';
      const message = e instanceof PermanentError ? errorMessage(e) : 'the export failed because of an internal error; please try again later';
      const latest = await this.jobs.get(job.exportId).catch(() => undefined);
      if (latest) await this.failJob(latest, code, message).catch((f) => log.error({ err: f }, 'could not record the failure; the sweeper retries'));
    } finally {
      clearInterval(beat);
    }
  }

  /** The file-service wrote the package: complete the job and announce it. */
  async assembled(message: MessageOf<'file.package_assembled'>): Promise<void> {
    const job = await this.jobs.get(message.payload.exportId);
    if (!job || job.status !== 'processing') return;
    const now = this.now();
    const counts = zeroCounts();
    for (const [entity, n] of Object.entries(job.progress.counts ?? {})) if (entity in counts) counts[entity as keyof typeof counts] = n;
    const done = await this.jobs.complete(job.exportId, {
      packageSize: message.payload.packageSize, packageSha256: message.payload.packageSha256, counts, filesCount: message.payload.filesCount,
      completedAt: now, expiresAt: now + this.config.EXPORT_RETENTION_SECONDS * 1000, ttl: this.historyTtl(now + this.config.EXPORT_RETENTION_SECONDS * 1000),
    }, this.outboxEntry('export.completed'));
    if (!done) return;
    const seconds = (now - (job.startedAt ?? job.requestedAt)) / 1000;
    this.metrics.jobs.inc({ kind: 'export', status: 'completed' });
    this.metrics.duration.observe({ kind: 'export', status: 'completed' }, seconds);
    this.metrics.packageBytes.observe({ kind: 'export' }, message.payload.packageSize);
    await this.finishOutbox(done);
    this.logger.info({ jobId: job.exportId, size: message.payload.packageSize }, 'export completed');
  }

  /** The file-service could not write the package (e.g. unreadable original files). */
  async assemblyFailed(message: MessageOf<'file.package_assembly_failed'>): Promise<void> {
    const job = await this.jobs.get(message.payload.exportId);
    if (!job || job.status !== 'processing') return;
    const files = message.payload.unreadableFiles;
    const detail = files.length
      ? `${message.payload.error.message}: ${files.map((f) => `${f.fileName} (file ${f.fileId}): ${f.reason}`).join('; ')}`
      : message.payload.error.message;
    await this.failJob(job, message.payload.error.code, detail);
  }

  async failJob(job: ExportJob, code: string, message: string): Promise<void> {
    const now = this.now();
    const failed = await this.jobs.fail(job.exportId, code, message, now, this.historyTtl(now), this.outboxEntry('export.failed'));
    if (!failed) return;
    this.metrics.jobs.inc({ kind: 'export', status: 'failed' });
    this.metrics.duration.observe({ kind: 'export', status: 'failed' }, (now - (job.startedAt ?? job.requestedAt)) / 1000);
    await this.finishOutbox(failed);
  }

  /** The package is gone (retention): expired, with its event through the outbox. */
  async expired(exportId: string): Promise<void> {
    const job = await this.jobs.markExpired(exportId, this.outboxEntry('export.expired'));
    if (job) await this.finishOutbox(job);
  }

  /**
   * Publishes the job's outbox event with its fixed id (consumers dedupe a redelivery), does the
   * clean-up that goes with it, and clears it. The sweeper calls it again for a job whose worker
   * died in between.
   */
  async finishOutbox(job: ExportJob): Promise<void> {
    const entry = job.outbox;
    if (!entry) return;
    const ctx = { correlationId: job.exportId, userId: job.userId, messageId: entry.messageId, occurredAt: entry.occurredAt };
    const ended = job.completedAt ?? this.now();
    const durationMs = Math.max(0, ended - (job.startedAt ?? job.requestedAt));
    if (entry.type === 'export.completed' || entry.type === 'export.failed') {
      await this.staging.deletePrefix(exportStagingRoot(job.userId, job.exportId)).catch((e) => this.logger.warn({ err: e, jobId: job.exportId }, 'staging clean-up failed'));
    }
    if (entry.type === 'export.completed') {
      await this.publisher.publish('export.completed', {
        exportId: job.exportId, packageKey: job.packageKey, packageSize: job.packageSize ?? 0, packageSha256: job.packageSha256 ?? '',
        counts: job.counts ?? zeroCounts(), filesCount: job.filesCount ?? 0, durationMs, expiresAt: new Date(job.expiresAt ?? ended).toISOString(),
      }, ctx);
    } else if (entry.type === 'export.failed') {
      await this.publisher.publish('export.failed', {
        exportId: job.exportId, error: { code: job.errorCode ?? 'EXPORT_FAILED', message: (job.error ?? 'the export failed').slice(0, 4000), retriable: false }, durationMs,
      }, ctx);
    } else {
      await this.publisher.publish('export.expired', { exportId: job.exportId, packageKey: job.packageKey }, ctx);
    }
    await this.jobs.clearOutbox(job.exportId, entry.messageId);
  }

  private outboxEntry(type: ExportOutboxEntry['type']) {
    return { type, messageId: this.publisher.newMessageId(), occurredAt: this.clock.now().toISOString() };
  }

  historyTtl(fromMs: number): number {
    return Math.floor(fromMs / 1000) + this.config.EXPORT_HISTORY_DAYS * 24 * 3600;
  }

  /** Graceful shutdown: every collection this replica runs is stopped and its job given back (no attempt counted). */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const abort of this.running.values()) abort.abort(new ShuttingDown());
    const deadline = Date.now() + 10000;
    while (this.running.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  }
}

class ShuttingDown extends Error {
  constructor() {
    super('the service is shutting down');
  }
}
