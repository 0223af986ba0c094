import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ExportOptionsV1 } from '@housef3/contracts';
import { ExportJob, ExportJobRepository, humanSize, InvalidCursorError, packageKeyFor, progressFraction } from '@housef3/jobs';
import { AppLogger, Clock, IdGenerator, LOGGER, MessagePublisher } from '@housef3/platform';
import { JobErrors } from '../common/job-errors';
import { ActiveJobs } from '../limits/active-jobs';
import { GatewayConfig } from '../config/gateway.config';
import { ApiError, badRequest, conflict, invalidCursor, notFound } from '../http/api-error';
import { estimateCompletion } from '../http/eta';
import { SettledJobCache } from '../http/settled-job.cache';
import { CreateExportDto, crossFieldProblems } from './create-export.dto';
import { CachedUrl, DownloadUrlCache } from './download-url.cache';
import { ExportEstimator } from './export-estimator';
import { CreateExportResponse, DeleteExportResponse, DownloadLinkResponse, ExportListResponse, ExportStatusResponse } from './export.responses';

@Injectable()
export class ExportService {
  constructor(
    @Inject(ExportJobRepository) private readonly jobs: ExportJobRepository,
    @Inject(ExportEstimator) private readonly estimator: ExportEstimator,
    @Inject(MessagePublisher) private readonly publisher: MessagePublisher,
    @Inject(DownloadUrlCache) private readonly urls: DownloadUrlCache,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(IdGenerator) private readonly ids: IdGenerator,
    @Inject(LOGGER) private readonly logger: AppLogger,
    @Inject(JobErrors) private readonly errors: JobErrors,
    @Inject(ActiveJobs) private readonly active: ActiveJobs,
  ) {
    this.settled = new SettledJobCache<ExportJob>(clock, (job) => SETTLED_EXPORT.includes(job.status), config.STATUS_CACHE_MS);
  }

  /** finished exports' jobs, answered from memory for STATUS_CACHE_MS (SettledJobCache) */
  private readonly settled: SettledJobCache<ExportJob>;

  async create(userId: string, dto: CreateExportDto): Promise<CreateExportResponse> {
    const problems = crossFieldProblems(dto);
    if (problems.length) throw badRequest(problems.length === 1 ? problems[0] : `the request is not valid: ${problems.join('; ')}`, problems);
    const { estimate, unknownAccounts } = await this.estimator.estimate(userId, dto);
    if (unknownAccounts.length) throw badRequest(`no such account: ${unknownAccounts.join(', ')}`);

    const exportId = this.ids.newId();
    await this.active.admitExport(userId, exportId);
    const now = this.clock.now().getTime(); // after admission: a job requested is a job admitted
    const parameters: ExportOptionsV1 = {
      includeAnalytics: dto.includeAnalytics, format: dto.format,
      ...(dto.description !== undefined && { description: dto.description }),
      ...(dto.accountIds && { accountIds: dto.accountIds }),
      ...(dto.dateRange && { dateRange: { from: dto.dateRange.from, to: dto.dateRange.to } }),
      ...(dto.categoriesOnly !== undefined && { categoriesOnly: dto.categoriesOnly }),
      ...(dto.includeUserState !== undefined && { includeUserState: dto.includeUserState }),
    };
    await this.jobs.create({
      exportId, userId, status: 'initiated', exportType: dto.format, requestedAt: now, parameters, estimate,
      progress: { phase: 'queued', recordsDone: 0, bytesDone: 0 }, packageKey: packageKeyFor(userId, exportId, now), attempt: 0,
    });
    try {
      await this.publisher.publish('export.requested', { exportId, options: parameters }, { correlationId: exportId, userId });
    } catch (e) {
      // Never leave a job that nobody will run: fail it with the reason, then tell the user.
      this.logger.error({ err: e, jobId: exportId }, 'could not publish export.requested');
      // the export-service's sweeper publishes its export.failed (outbox)
      await this.jobs.fail(exportId, 'QUEUE_UNAVAILABLE', 'the export could not be queued; please try again', now, this.ttl(now), { type: 'export.failed', messageId: this.ids.newId(), occurredAt: new Date(now).toISOString() });
      throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'QUEUE_UNAVAILABLE', 'the export could not be queued; please try again');
    }
    return {
      exportId,
      status: 'initiated' as const,
      estimatedSize: humanSize(estimate.bytes),
      estimatedCompletion: new Date(now + ExportEstimator.completionAfterMs(estimate)).toISOString(),
    };
  }

  async status(userId: string, exportId: string): Promise<ExportStatusResponse> {
    const job = await this.settled.get(userId, exportId, () => this.jobs.getForUser(exportId, userId));
    if (!job) throw notFound('export');
    const fraction = progressFraction(job);
    const now = this.clock.now().getTime();
    const eta = job.status === 'processing' ? estimateCompletion(job.startedAt ?? job.requestedAt, fraction, now) : undefined;
    const view: ExportStatusResponse = {
      exportId, status: job.status, progress: Math.floor(fraction * 100), currentPhase: job.progress.phase, phase: job.progress.phase,
      ...(eta && { estimatedCompletionAt: eta }),
      progressDetail: { fraction, recordsDone: job.progress.recordsDone, recordsEstimated: job.estimate.records, bytesDone: job.progress.bytesDone, bytesEstimated: job.estimate.bytes },
      format: job.exportType, requestedAt: iso(job.requestedAt),
    };
    if (job.parameters.description) view.description = job.parameters.description;
    if (job.completedAt) view.completedAt = iso(job.completedAt);
    if (job.status === 'completed') {
      view.packageSize = job.packageSize;
      view.counts = job.counts ? { ...job.counts } : undefined;
      const signed = await this.presign(job);
      view.downloadUrl = signed.url;
      view.downloadUrlExpiresAt = iso(signed.expiresAt);
    }
    if (job.expiresAt && (job.status === 'completed' || job.status === 'expired')) view.expiresAt = iso(job.expiresAt);
    const error = this.errors.shown(job);
    if (error) {
      view.error = error.message;
      view.errorCode = error.code;
    }
    return view;
  }

  /** A signed link to the package that works as a plain link (no bearer token), valid DOWNLOAD_URL_TTL_S. */
  async downloadLink(userId: string, exportId: string): Promise<DownloadLinkResponse> {
    const job = await this.find(userId, exportId);
    if (job.status === 'expired') throw new ApiError(HttpStatus.GONE, 'EXPORT_EXPIRED', 'this export has expired and its package was deleted');
    if (job.status === 'failed') throw conflict(`this export failed: ${this.errors.shown(job)?.message ?? 'unknown reason'}`, 'EXPORT_FAILED');
    if (job.status !== 'completed') throw conflict(`this export is ${job.status}; try again when it is completed`, 'EXPORT_NOT_READY');
    const signed = await this.presign(job);
    return { url: signed.url, expiresAt: iso(signed.expiresAt), fileName: fileNameOf(job), size: job.packageSize ?? 0 };
  }

  async list(userId: string, limit: number, cursor?: string): Promise<ExportListResponse> {
    try {
      const page = await this.jobs.listForUser(userId, limit, cursor);
      return {
        exports: page.jobs.map((job) => ({
          exportId: job.exportId, status: job.status, format: job.exportType, ...(job.parameters.description && { description: job.parameters.description }),
          requestedAt: iso(job.requestedAt), ...(job.completedAt && { completedAt: iso(job.completedAt) }),
          ...(job.packageSize !== undefined && { packageSize: job.packageSize }), progress: Math.floor(progressFraction(job) * 100), currentPhase: job.progress.phase,
        })),
        ...(page.nextCursor && { nextCursor: page.nextCursor }),
      };
    } catch (e) {
      if (e instanceof InvalidCursorError) throw invalidCursor();
      throw e;
    }
  }

  async remove(userId: string, exportId: string): Promise<DeleteExportResponse> {
    const job = await this.jobs.requestDelete(exportId, userId, this.clock.now().getTime());
    if (!job) throw notFound('export');
    this.settled.forget(userId, exportId);
    this.urls.forget(this.config.PACKAGES_BUCKET, job.packageKey);
    await this.publisher.publish('export.cancel_requested', { exportId }, { correlationId: exportId, userId });
    return { exportId, status: 'deleting' as const };
  }

  private async find(userId: string, exportId: string): Promise<ExportJob> {
    const job = await this.jobs.getForUser(exportId, userId);
    if (!job) throw notFound('export');
    return job;
  }

  /** A download URL of the package, reused while it has long enough to live (DownloadUrlCache). */
  private presign(job: ExportJob): Promise<CachedUrl> {
    return this.urls.download(this.config.PACKAGES_BUCKET, job.packageKey, fileNameOf(job));
  }

  private ttl(now: number): number {
    return Math.floor(now / 1000) + 90 * 24 * 3600;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
const fileNameOf = (job: ExportJob) => job.packageKey.split('/').pop() ?? 'export.zip';

/** Statuses only a delete or an expiry still changes. */
const SETTLED_EXPORT: readonly ExportJob['status'][] = ['completed', 'failed', 'expired'];
