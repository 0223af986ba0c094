import { hostname } from 'node:os';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { MessageOf } from '@housef3/contracts';
import { ExportJob, ExportJobRepository, ExportPlan, ExportProgress, exportStagingRoot, stagingPrefix } from '@housef3/jobs';
import { AppLogger, Clock, errorMessage, JOB_METRICS, JobMetrics, LOGGER, MessagePublisher, PermanentError } from '@housef3/platform';
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
        log.warn({ reason: errorMessage(abort.signal.reason) }, 'collection stopped');
        return;
      }
      log.error({ err: e }, 'collection failed');
      const code = e instanceof PermanentError ? e.code : 'EXPORT_FAILED';
      const latest = await this.jobs.get(job.exportId);
      if (latest) await this.failJob(latest, code, errorMessage(e));
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
    });
    if (!done) return;
    const seconds = (now - (job.startedAt ?? job.requestedAt)) / 1000;
    this.metrics.jobs.inc({ kind: 'export', status: 'completed' });
    this.metrics.duration.observe({ kind: 'export', status: 'completed' }, seconds);
    this.metrics.packageBytes.observe({ kind: 'export' }, message.payload.packageSize);
    await this.staging.deletePrefix(exportStagingRoot(job.userId, job.exportId)).catch((e) => this.logger.warn({ err: e, jobId: job.exportId }, 'staging clean-up failed'));
    await this.publisher.publish('export.completed', {
      exportId: job.exportId, packageKey: job.packageKey, packageSize: message.payload.packageSize, packageSha256: message.payload.packageSha256,
      counts, filesCount: message.payload.filesCount, durationMs: now - (job.startedAt ?? job.requestedAt), expiresAt: new Date(done.expiresAt!).toISOString(),
    }, MessagePublisher.causedBy(message));
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
    const failed = await this.jobs.fail(job.exportId, code, message, now, this.historyTtl(now));
    if (!failed) return;
    this.metrics.jobs.inc({ kind: 'export', status: 'failed' });
    this.metrics.duration.observe({ kind: 'export', status: 'failed' }, (now - (job.startedAt ?? job.requestedAt)) / 1000);
    await this.staging.deletePrefix(exportStagingRoot(job.userId, job.exportId)).catch((e) => this.logger.warn({ err: e, jobId: job.exportId }, 'staging clean-up failed'));
    await this.publisher.publish('export.failed', {
      exportId: job.exportId, error: { code, message: message.slice(0, 4000), retriable: false }, durationMs: now - (job.startedAt ?? job.requestedAt),
    }, { correlationId: job.exportId, userId: job.userId });
  }

  historyTtl(fromMs: number): number {
    return Math.floor(fromMs / 1000) + this.config.EXPORT_HISTORY_DAYS * 24 * 3600;
  }

  async onApplicationShutdown(): Promise<void> {
    for (const abort of this.running.values()) abort.abort(new Error('service shutting down'));
  }
}
