import { CopyObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  BadRequestException, ConflictException, Inject, Injectable, NotFoundException, PayloadTooLargeException, ServiceUnavailableException,
} from '@nestjs/common';
import { FINAL_IMPORT_STATUSES, ImportJob, ImportJobRepository, importPrefix, importUploadKey, InvalidCursorError, pinnedPackageKey } from '@housef3/jobs';
import { AppLogger, Clock, deletePrefix, IdGenerator, LOGGER, MessagePublisher, S3Presigner } from '@housef3/platform';
import { JobErrors } from '../common/job-errors';
import { ActiveJobs } from '../limits/active-jobs';
import { GatewayConfig } from '../config/gateway.config';
import { CreateUploadDto, StartImportDto } from './import.dto';

const ZIP = 'application/zip';

@Injectable()
export class ImportService {
  constructor(
    @Inject(ImportJobRepository) private readonly jobs: ImportJobRepository,
    @Inject(MessagePublisher) private readonly publisher: MessagePublisher,
    @Inject(S3Presigner) private readonly presigner: S3Presigner,
    @Inject(S3Client) private readonly s3: S3Client,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(IdGenerator) private readonly ids: IdGenerator,
    @Inject(LOGGER) private readonly logger: AppLogger,
    @Inject(JobErrors) private readonly errors: JobErrors,
    @Inject(ActiveJobs) private readonly active: ActiveJobs,
  ) {}

  private get maxBytes() {
    return this.config.IMPORT_MAX_PACKAGE_MB * 1024 * 1024;
  }

  async createUpload(userId: string, dto: CreateUploadDto) {
    if (dto.size !== undefined && dto.size > this.maxBytes) {
      throw new PayloadTooLargeException(`a package may be at most ${this.config.IMPORT_MAX_PACKAGE_MB} MiB; this one is ${(dto.size / 1048576).toFixed(1)} MiB`);
    }
    const now = this.clock.now().getTime();
    const importId = this.ids.newId();
    const uploadKey = importUploadKey(userId, importId);
    const uploadExpiresAt = now + this.config.UPLOAD_URL_TTL_S * 1000;
    await this.jobs.create({ importId, userId, status: 'awaiting_upload', uploadedAt: now, uploadKey, uploadExpiresAt, maxPackageBytes: this.maxBytes, attempt: 0 });
    const uploadUrl = await this.presigner.upload(this.config.PACKAGES_BUCKET, uploadKey, ZIP, this.config.UPLOAD_URL_TTL_S, dto.size);
    return {
      importId, uploadUrl, uploadExpires: new Date(uploadExpiresAt).toISOString(), maxSize: this.maxBytes,
      uploadHeaders: { 'Content-Type': ZIP, 'x-amz-server-side-encryption': 'AES256', ...(dto.size !== undefined && { 'Content-Length': String(dto.size) }) },
    };
  }

  async start(userId: string, importId: string, dto: StartImportDto) {
    const job = await this.find(userId, importId);
    if (dto.mergeStrategy === 'overwrite' && !dto.overwriteExisting) {
      throw new BadRequestException(['mergeStrategy "overwrite" replaces your existing records: set "overwriteExisting": true to confirm']);
    }
    if (job.status !== 'awaiting_upload' && job.status !== 'validation_passed') {
      throw new ConflictException({ code: 'IMPORT_NOT_STARTABLE', message: `this import is ${job.status}; start a new one` });
    }
    const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.config.PACKAGES_BUCKET, Key: job.uploadKey })).catch((e) => {
      if (e?.$metadata?.httpStatusCode === 404) throw new ConflictException({ code: 'PACKAGE_NOT_UPLOADED', message: 'the package has not been uploaded yet: PUT it to the upload URL first' });
      throw e;
    });
    const size = head.ContentLength ?? 0;
    if (size > job.maxPackageBytes) throw new PayloadTooLargeException({ code: 'PACKAGE_TOO_LARGE', message: `a package may be at most ${job.maxPackageBytes} bytes; this one is ${size}` });
    await this.active.admitImport(userId, importId);
    const pinned = await this.pin(job, head.ETag);
    const options = { overwriteExisting: dto.overwriteExisting, validateOnly: dto.validateOnly, mergeStrategy: dto.mergeStrategy, remapIds: dto.remapIds };
    const started = await this.jobs.transition(importId, ['awaiting_upload', 'validation_passed'], 'validating', {
      options, mergeStrategy: dto.mergeStrategy, packageSize: size, startedAt: this.clock.now().getTime(), packageKey: pinned.key, packageEtag: pinned.etag,
    }, ['validationResults', 'leaseOwner', 'leaseExpiresAt']);
    if (!started) throw new ConflictException({ code: 'IMPORT_ALREADY_STARTED', message: 'this import was started already' });
    try {
      await this.publisher.publish('import.requested', { importId, packageKey: pinned.key, options }, { correlationId: importId, userId });
    } catch (e) {
      this.logger.error({ err: e, jobId: importId }, 'could not publish import.requested');
      await this.jobs.transition(importId, ['validating'], 'failed', { error: 'the import could not be queued; please try again', errorCode: 'QUEUE_UNAVAILABLE' });
      throw new ServiceUnavailableException('the import could not be queued; please try again');
    }
    return { importId, status: 'initiated' as const };
  }

  async status(userId: string, importId: string) {
    const job = await this.find(userId, importId);
    return view(job, this.errors);
  }

  async list(userId: string, limit: number, cursor?: string) {
    try {
      const page = await this.jobs.listForUser(userId, limit, cursor);
      return {
        imports: page.jobs.map((j) => ({ importId: j.importId, status: j.status, uploadedAt: iso(j.uploadedAt), completedAt: j.completedAt ? iso(j.completedAt) : undefined, options: j.options })),
        nextCursor: page.nextCursor,
      };
    } catch (e) {
      if (e instanceof InvalidCursorError) throw new BadRequestException({ code: 'INVALID_CURSOR', message: 'cursor is not valid' });
      throw e;
    }
  }

  async cancel(userId: string, importId: string) {
    const job = await this.find(userId, importId);
    if (FINAL_IMPORT_STATUSES.includes(job.status)) throw new ConflictException(`this import is already ${job.status}`);
    if (job.status === 'awaiting_upload') {
      const cancelled = await this.jobs.transition(importId, ['awaiting_upload'], 'cancelled', { completedAt: this.clock.now().getTime() });
      if (cancelled) return { importId, status: 'cancelled' as const };
    }
    await this.jobs.requestCancel(importId, userId, this.clock.now().getTime());
    await this.publisher.publish('import.cancel_requested', { importId }, { correlationId: importId, userId });
    return { importId, status: 'cancelling' as const };
  }

  /**
   * The bytes restored are the bytes validated: the upload, as it is now (CopySourceIfMatch on
   * the ETag just checked), is copied to a key under the import's prefix that no URL can write;
   * the import reads only that copy, every read conditional on its ETag.
   */
  private async pin(job: ImportJob, uploadEtag: string | undefined): Promise<{ key: string; etag: string }> {
    const key = pinnedPackageKey(job.userId, job.importId);
    const copy = await this.s3.send(new CopyObjectCommand({
      Bucket: this.config.PACKAGES_BUCKET, Key: key, CopySource: copySource(this.config.PACKAGES_BUCKET, job.uploadKey), CopySourceIfMatch: uploadEtag,
      ServerSideEncryption: 'AES256', ContentType: ZIP, MetadataDirective: 'REPLACE',
    })).catch((e) => {
      if (e?.$metadata?.httpStatusCode === 412) throw new ConflictException({ code: 'PACKAGE_CHANGED', message: 'the package changed while the import was starting; start again' });
      throw e;
    });
    const etag = copy.CopyObjectResult?.ETag;
    if (!etag) throw new ServiceUnavailableException({ code: 'PIN_FAILED', message: 'the package could not be pinned; please try again' });
    return { key, etag };
  }

  /**
   * The user's erasure of an import at rest: every object under its prefix (upload, pinned
   * package, journals, backups) is deleted now; the retention sweeper deletes again whatever
   * an upload URL still valid puts there, until it expires.
   */
  async remove(userId: string, importId: string) {
    const job = await this.find(userId, importId);
    const now = this.clock.now().getTime();
    const erased = await this.jobs.requestErasure(importId, userId, now);
    if (!erased) throw new ConflictException({ code: 'IMPORT_RUNNING', message: `this import is ${job.status}: cancel it, and delete it once it is cancelled` });
    await deletePrefix(this.s3, this.config.PACKAGES_BUCKET, importPrefix(userId, importId));
    if (now > job.uploadExpiresAt) await this.jobs.markErased(importId, now, Math.floor(now / 1000) + 90 * 24 * 3600);
    return { importId, status: 'deleted' as const };
  }

  private async find(userId: string, importId: string): Promise<ImportJob> {
    const job = await this.jobs.getForUser(importId, userId);
    if (!job) throw new NotFoundException('import not found');
    return job;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** `bucket/key` for CopySource, each path segment URL-encoded. */
const copySource = (bucket: string, key: string) => `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;

const PHASES: Record<string, string> = {
  awaiting_upload: 'awaiting_upload', validating: 'validating', validation_passed: 'validated', validation_failed: 'validated',
  completed: 'done', failed: 'rolled_back', cancelled: 'rolled_back',
};

/** The design document's status view, with the validation report and the saga's position. */
function view(job: ImportJob, errors: JobErrors) {
  const error = errors.shown(job);
  const saga = job.saga;
  const currentPhase = job.status === 'processing' && saga ? (saga.step === 'verify' ? 'verifying' : `restoring_${saga.step}`)
    : job.status === 'compensating' ? `rolling_back_${saga?.step ?? ''}` : (PHASES[job.status] ?? job.status);
  const steps = 9;
  const progress = job.status === 'completed' ? 100
    : job.status === 'processing' && saga ? Math.min(99, Math.floor((100 * (saga.completedSteps.length + (saga.recordsTotal ? saga.recordsDone / saga.recordsTotal : 0))) / steps))
      : 0;
  const counts = job.importResults?.counts ?? {};
  const summary: Record<string, number> = {};
  for (const [entity, c] of Object.entries(counts)) {
    summary[`${entity}_created`] = c?.created ?? 0;
    summary[`${entity}_updated`] = c?.updated ?? 0;
    summary[`${entity}_skipped`] = c?.skipped ?? 0;
  }
  if (job.importResults) summary.files_restored = job.importResults.filesRestored;
  return {
    importId: job.importId, status: job.status, progress, currentPhase, options: job.options,
    uploadedAt: iso(job.uploadedAt), completedAt: job.completedAt ? iso(job.completedAt) : undefined,
    validationSummary: job.validationResults?.summary, summary,
    errors: (job.validationResults?.errors ?? []).map(({ entity, id, field, message }) => ({ entity, id, field, message })),
    errorCount: job.validationResults?.errorCount ?? 0, warningCount: job.validationResults?.warningCount ?? 0,
    error: error?.message, errorCode: error?.code, failedStep: job.failedStep,
  };
}
