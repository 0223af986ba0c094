import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { cancelEffect, ImportJob, ImportJobRepository, importPrefix, InvalidCursorError, pinnedPackageKey } from '@housef3/jobs';
import { AppLogger, Clock, LOGGER, MessagePublisher } from '@housef3/platform';
import { JobErrors } from '../common/job-errors';
import { GatewayConfig } from '../config/gateway.config';
import { ApiError, badRequest, conflict, invalidCursor, notFound } from '../http/api-error';
import { ActiveJobs } from '../limits/active-jobs';
import { StartImportDto } from './import.dto';
import { CancelImportResponse, DeleteImportResponse, ImportListResponse, ImportStatusResponse, StartImportResponse } from './import.responses';
import { ImportObjects, PackageChangedError } from './import-objects.s3';
import { importStatusView } from './import-status.view';
import { SettledJobCache } from '../http/settled-job.cache';

@Injectable()
export class ImportService {
  constructor(
    @Inject(ImportJobRepository) private readonly jobs: ImportJobRepository,
    @Inject(MessagePublisher) private readonly publisher: MessagePublisher,
    @Inject(ImportObjects) private readonly objects: ImportObjects,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: AppLogger,
    @Inject(JobErrors) private readonly errors: JobErrors,
    @Inject(ActiveJobs) private readonly active: ActiveJobs,
    @Inject(GatewayConfig) config: GatewayConfig,
  ) {
    this.settled = new SettledJobCache<ImportJob>(clock, (job) => SETTLED_IMPORT.includes(job.status), config.STATUS_CACHE_MS);
  }

  /** finished imports' jobs, answered from memory for STATUS_CACHE_MS (SettledJobCache) */
  private readonly settled: SettledJobCache<ImportJob>;

  async start(userId: string, importId: string, dto: StartImportDto): Promise<StartImportResponse> {
    const job = await this.find(userId, importId);
    if (dto.mergeStrategy === 'overwrite' && !dto.overwriteExisting) {
      throw badRequest('mergeStrategy "overwrite" replaces your existing records: set "overwriteExisting": true to confirm');
    }
    if (job.status !== 'awaiting_upload' && job.status !== 'validation_passed') throw conflict(`this import is ${job.status}; start a new one`);
    if (job.multipart && job.multipart.completedAt === undefined) {
      throw conflict(`the package is being uploaded in parts: complete the upload first (POST /import/${importId}/upload/complete)`, 'UPLOAD_INCOMPLETE');
    }
    const head = await this.objects.head(job.uploadKey);
    const size = head?.size;
    if (head === undefined || size === undefined) throw conflict('the package has not been uploaded yet: PUT it to the upload URL first', 'UPLOAD_MISSING');
    if (size > job.maxPackageBytes) {
      throw new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, 'PACKAGE_TOO_LARGE', `a package may be at most ${job.maxPackageBytes} bytes; this one is ${size}`, { maxSize: job.maxPackageBytes, size });
    }
    await this.active.admitImport(userId, importId);
    const pinned = await this.pin(job, head.etag);
    const options = { overwriteExisting: dto.overwriteExisting, validateOnly: dto.validateOnly, mergeStrategy: dto.mergeStrategy, remapIds: dto.remapIds };
    // a new start is a new start: nothing of an earlier (validate-only) run counts against it
    const started = await this.jobs.transition(importId, ['awaiting_upload', 'validation_passed'], 'validating', {
      options, mergeStrategy: dto.mergeStrategy, packageSize: size, startedAt: this.clock.now().getTime(), attempt: 0, packageKey: pinned.key, packageEtag: pinned.etag,
    }, [
      // a new start is a new start: nothing of an earlier (validate-only) run counts against it
      'validationResults', 'leaseOwner', 'leaseExpiresAt', 'cancelRequestedAt', 'transientRetries', 'retryAt', 'lastTransientError', 'compensationAttempts',
      'progress', 'work', 'saga', 'importResults', 'fileAnswers', 'error', 'errorCode', 'failedStep', 'completedAt',
    ]);
    if (!started) throw conflict('this import was started already');
    try {
      await this.publisher.publish('import.requested', { importId, packageKey: pinned.key, options }, { correlationId: importId, userId });
    } catch (e) {
      this.logger.error({ err: e, jobId: importId }, 'could not publish import.requested');
      await this.jobs.transition(importId, ['validating'], 'failed', { error: 'the import could not be queued; please try again', errorCode: 'QUEUE_UNAVAILABLE' });
      throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'QUEUE_UNAVAILABLE', 'the import could not be queued; please try again');
    }
    return { importId, status: 'initiated' };
  }

  async status(userId: string, importId: string): Promise<ImportStatusResponse> {
    const job = await this.settled.get(userId, importId, () => this.jobs.getForUser(importId, userId));
    if (!job) throw notFound('import');
    return importStatusView(job, this.clock.now().getTime(), this.errors);
  }

  async list(userId: string, limit: number, cursor?: string): Promise<ImportListResponse> {
    try {
      const page = await this.jobs.listForUser(userId, limit, cursor);
      return {
        imports: page.jobs.map((j) => ({
          importId: j.importId, status: j.status, uploadedAt: iso(j.uploadedAt), ...(j.completedAt && { completedAt: iso(j.completedAt) }), ...(j.options && { options: j.options }),
        })),
        ...(page.nextCursor && { nextCursor: page.nextCursor }),
      };
    } catch (e) {
      if (e instanceof InvalidCursorError) throw invalidCursor();
      throw e;
    }
  }

  async cancel(userId: string, importId: string): Promise<CancelImportResponse> {
    const job = await this.find(userId, importId);
    const effect = cancelEffect(job.status);
    if (effect === 'too_late') throw conflict(`this import is already ${job.status}`);
    if (effect === 'end_cancelled') {
      const cancelled = await this.jobs.transition(importId, ['awaiting_upload', 'validation_passed', 'validation_failed'], 'cancelled', { completedAt: this.clock.now().getTime() });
      if (cancelled) {
        if (job.multipart && job.multipart.completedAt === undefined) await this.objects.abortMultipart(job.uploadKey, job.multipart.uploadId);
        return { importId, status: 'cancelled' };
      }
    }
    await this.jobs.requestCancel(importId, userId, this.clock.now().getTime());
    await this.publisher.publish('import.cancel_requested', { importId }, { correlationId: importId, userId });
    return { importId, status: 'cancelling' };
  }

  /**
   * The bytes restored are the bytes validated: the upload, as it is now (copied only if its
   * ETag is still the one just checked), is copied to a key under the import's prefix that no
   * URL can write; the import reads only that copy, every read conditional on its ETag.
   */
  private async pin(job: ImportJob, uploadEtag: string | undefined): Promise<{ key: string; etag: string }> {
    const key = pinnedPackageKey(job.userId, job.importId);
    try {
      return { key, etag: await this.objects.copyIfUnchanged(job.uploadKey, key, uploadEtag) };
    } catch (e) {
      if (e instanceof PackageChangedError) throw conflict('the package changed while the import was starting; start again', 'PACKAGE_CHANGED');
      throw e;
    }
  }

  /**
   * The user's erasure of an import at rest: every object under its prefix (upload, pinned
   * package, journals, backups) is deleted now; the retention sweeper deletes again whatever
   * an upload URL still valid puts there, until it expires.
   */
  async remove(userId: string, importId: string): Promise<DeleteImportResponse> {
    const job = await this.find(userId, importId);
    const now = this.clock.now().getTime();
    this.settled.forget(userId, importId);
    const erased = await this.jobs.requestErasure(importId, userId, now);
    if (!erased) throw conflict(`this import is ${job.status}: cancel it, and delete it once it is cancelled`, 'IMPORT_RUNNING');
    if (job.multipart && job.multipart.completedAt === undefined) await this.objects.abortMultipart(job.uploadKey, job.multipart.uploadId);
    await this.objects.deletePrefix(importPrefix(userId, importId));
    if (now > job.uploadExpiresAt) await this.jobs.markErased(importId, now, Math.floor(now / 1000) + 90 * 24 * 3600);
    return { importId, status: 'deleted' };
  }

  private async find(userId: string, importId: string): Promise<ImportJob> {
    const job = await this.jobs.getForUser(importId, userId);
    if (!job) throw notFound('import');
    return job;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Statuses nothing but an erasure changes (validation_passed is not one: a real start may follow). */
const SETTLED_IMPORT: readonly ImportJob['status'][] = ['completed', 'failed', 'cancelled', 'validation_failed', 'compensation_failed'];
