import { BadRequestException, ConflictException, GoneException, Inject, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { ExportOptionsV1 } from '@housef3/contracts';
import { ExportJob, ExportJobRepository, humanSize, InvalidCursorError, packageKeyFor, progressFraction } from '@housef3/jobs';
import { AppLogger, Clock, IdGenerator, LOGGER, MessagePublisher, S3Presigner } from '@housef3/platform';
import { JobErrors } from '../common/job-errors';
import { ActiveJobs } from '../limits/active-jobs';
import { GatewayConfig } from '../config/gateway.config';
import { CreateExportDto, crossFieldProblems } from './create-export.dto';
import { ExportEstimator } from './export-estimator';

export interface ExportStatusView {
  exportId: string;
  status: ExportJob['status'];
  /** percent, 0..100, an honest fraction of records and bytes */
  progress: number;
  phase: ExportJob['progress']['phase'];
  progressDetail: { fraction: number; recordsDone: number; recordsEstimated: number; bytesDone: number; bytesEstimated: number };
  description?: string;
  format: ExportJob['exportType'];
  requestedAt: string;
  completedAt?: string;
  packageSize?: number;
  counts?: ExportJob['counts'];
  downloadUrl?: string;
  downloadUrlExpiresAt?: string;
  expiresAt?: string;
  error?: string;
  errorCode?: string;
}

@Injectable()
export class ExportService {
  constructor(
    @Inject(ExportJobRepository) private readonly jobs: ExportJobRepository,
    @Inject(ExportEstimator) private readonly estimator: ExportEstimator,
    @Inject(MessagePublisher) private readonly publisher: MessagePublisher,
    @Inject(S3Presigner) private readonly presigner: S3Presigner,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(IdGenerator) private readonly ids: IdGenerator,
    @Inject(LOGGER) private readonly logger: AppLogger,
    @Inject(JobErrors) private readonly errors: JobErrors,
    @Inject(ActiveJobs) private readonly active: ActiveJobs,
  ) {}

  async create(userId: string, dto: CreateExportDto) {
    const problems = crossFieldProblems(dto);
    if (problems.length) throw new BadRequestException(problems);
    const { estimate, unknownAccounts } = await this.estimator.estimate(userId, dto);
    if (unknownAccounts.length) throw new BadRequestException([`no such account: ${unknownAccounts.join(', ')}`]);

    const exportId = this.ids.newId();
    await this.active.admitExport(userId, exportId);
    const now = this.clock.now().getTime(); // after admission: a job requested is a job admitted
    const parameters: ExportOptionsV1 = {
      includeAnalytics: dto.includeAnalytics, format: dto.format,
      ...(dto.description !== undefined && { description: dto.description }),
      ...(dto.accountIds && { accountIds: dto.accountIds }),
      ...(dto.dateRange && { dateRange: { from: dto.dateRange.from, to: dto.dateRange.to } }),
      ...(dto.categoriesOnly !== undefined && { categoriesOnly: dto.categoriesOnly }),
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
      await this.jobs.fail(exportId, 'QUEUE_UNAVAILABLE', 'the export could not be queued; please try again', now, this.ttl(now));
      throw new ServiceUnavailableException('the export could not be queued; please try again');
    }
    return {
      exportId,
      status: 'initiated' as const,
      estimatedSize: humanSize(estimate.bytes),
      estimatedCompletion: new Date(now + ExportEstimator.completionAfterMs(estimate)).toISOString(),
    };
  }

  async status(userId: string, exportId: string): Promise<ExportStatusView> {
    const job = await this.find(userId, exportId);
    const fraction = progressFraction(job);
    const view: ExportStatusView = {
      exportId, status: job.status, progress: Math.floor(fraction * 100), phase: job.progress.phase,
      progressDetail: { fraction, recordsDone: job.progress.recordsDone, recordsEstimated: job.estimate.records, bytesDone: job.progress.bytesDone, bytesEstimated: job.estimate.bytes },
      format: job.exportType, requestedAt: iso(job.requestedAt),
    };
    if (job.parameters.description) view.description = job.parameters.description;
    if (job.completedAt) view.completedAt = iso(job.completedAt);
    if (job.status === 'completed') {
      view.packageSize = job.packageSize;
      view.counts = job.counts;
      view.downloadUrl = await this.presign(job);
      view.downloadUrlExpiresAt = iso(this.clock.now().getTime() + this.config.DOWNLOAD_URL_TTL_S * 1000);
    }
    if (job.expiresAt && (job.status === 'completed' || job.status === 'expired')) view.expiresAt = iso(job.expiresAt);
    const error = this.errors.shown(job);
    if (error) {
      view.error = error.message;
      view.errorCode = error.code;
    }
    return view;
  }

  async downloadUrl(userId: string, exportId: string): Promise<string> {
    const job = await this.find(userId, exportId);
    if (job.status === 'expired') throw new GoneException('this export has expired and its package was deleted');
    if (job.status === 'failed') throw new ConflictException(`this export failed: ${this.errors.shown(job)?.message ?? 'unknown reason'}`);
    if (job.status !== 'completed') throw new ConflictException(`this export is ${job.status}; try again when it is completed`);
    return this.presign(job);
  }

  async list(userId: string, limit: number, cursor?: string) {
    try {
      const page = await this.jobs.listForUser(userId, limit, cursor);
      return {
        exports: page.jobs.map((job) => ({
          exportId: job.exportId, status: job.status, format: job.exportType, description: job.parameters.description,
          requestedAt: iso(job.requestedAt), completedAt: job.completedAt ? iso(job.completedAt) : undefined,
          packageSize: job.packageSize, progress: Math.floor(progressFraction(job) * 100),
        })),
        nextCursor: page.nextCursor,
      };
    } catch (e) {
      if (e instanceof InvalidCursorError) throw new BadRequestException({ code: 'INVALID_CURSOR', message: 'cursor is not valid' });
      throw e;
    }
  }

  async remove(userId: string, exportId: string) {
    const job = await this.jobs.requestDelete(exportId, userId, this.clock.now().getTime());
    if (!job) throw new NotFoundException('export not found');
    await this.publisher.publish('export.cancel_requested', { exportId }, { correlationId: exportId, userId });
    return { exportId, status: 'deleting' as const };
  }

  private async find(userId: string, exportId: string): Promise<ExportJob> {
    const job = await this.jobs.getForUser(exportId, userId);
    if (!job) throw new NotFoundException('export not found');
    return job;
  }

  private presign(job: ExportJob): Promise<string> {
    return this.presigner.download(this.config.PACKAGES_BUCKET, job.packageKey, job.packageKey.split('/').pop()!, this.config.DOWNLOAD_URL_TTL_S);
  }

  private ttl(now: number): number {
    return Math.floor(now / 1000) + 90 * 24 * 3600;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
