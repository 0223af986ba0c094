import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ImportJob, ImportJobRepository, importUploadKey } from '@housef3/jobs';
import { Clock, IdGenerator, S3Presigner } from '@housef3/platform';
import { GatewayConfig } from '../config/gateway.config';
import { ApiError, badRequest, conflict, notFound } from '../http/api-error';
import { CreateMultipartUploadDto, CreateUploadDto, MAX_PART_BYTES } from './import.dto';
import { CancelImportResponse, CompleteUploadResponse, CreateUploadResponse, MultipartUploadResponse, PartUrlsResponse, UploadedPartsResponse } from './import.responses';
import { ImportObjects, UploadGoneError } from './import-objects.s3';
import { missingParts, partLength, planParts } from './upload-plan';

const ZIP = 'application/zip';
const MiB = 1024 * 1024;

/** How a package reaches the packages bucket: one signed PUT, or a resumable multipart upload. */
@Injectable()
export class ImportUploads {
  constructor(
    @Inject(ImportJobRepository) private readonly jobs: ImportJobRepository,
    @Inject(ImportObjects) private readonly objects: ImportObjects,
    @Inject(S3Presigner) private readonly presigner: S3Presigner,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(IdGenerator) private readonly ids: IdGenerator,
  ) {}

  get maxBytes(): number {
    return this.config.IMPORT_MAX_PACKAGE_MB * MiB;
  }

  private refuseOverMaximum(size: number): void {
    if (size > this.maxBytes) {
      throw new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, 'PACKAGE_TOO_LARGE', `a package may be at most ${this.config.IMPORT_MAX_PACKAGE_MB} MiB; this one is ${(size / MiB).toFixed(1)} MiB`, { maxSize: this.maxBytes, size });
    }
  }

  async createSingle(userId: string, dto: CreateUploadDto): Promise<CreateUploadResponse> {
    this.refuseOverMaximum(dto.size);
    if (dto.size > MAX_PART_BYTES) throw badRequest('one upload URL takes at most 5 GiB: upload a larger package in parts (POST /import/upload/multipart)');
    const job = await this.newJob(userId);
    const uploadUrl = await this.presigner.upload(this.config.PACKAGES_BUCKET, job.uploadKey, ZIP, this.config.UPLOAD_URL_TTL_S, dto.size);
    return {
      importId: job.importId, uploadUrl, uploadExpires: iso(job.uploadExpiresAt), maxSize: this.maxBytes,
      // the URL signs the size: nothing of another length can be PUT there
      uploadHeaders: { 'Content-Type': ZIP, 'x-amz-server-side-encryption': 'AES256', 'Content-Length': String(dto.size) },
    };
  }

  async createMultipart(userId: string, dto: CreateMultipartUploadDto): Promise<MultipartUploadResponse> {
    this.refuseOverMaximum(dto.size);
    const plan = planParts(dto.size, dto.partSize ?? this.config.IMPORT_PART_SIZE_MB * MiB);
    const importId = this.ids.newId();
    const uploadId = await this.objects.createMultipart(importUploadKey(userId, importId), ZIP);
    const job = await this.newJob(userId, importId, { uploadId, size: dto.size, ...plan });
    return { importId: job.importId, size: dto.size, ...plan, maxSize: this.maxBytes, uploadExpires: iso(job.uploadExpiresAt) };
  }

  async partUrls(userId: string, importId: string, partNumbers: number[]): Promise<PartUrlsResponse> {
    const { job, multipart } = await this.openMultipart(userId, importId);
    const beyond = partNumbers.filter((n) => n > multipart.partCount);
    if (beyond.length) throw badRequest(`this upload has ${multipart.partCount} parts; no part ${beyond.join(', ')}`);
    const ttl = this.config.UPLOAD_URL_TTL_S;
    const parts = await Promise.all(partNumbers.map(async (partNumber) => {
      const size = partLength(multipart.size, multipart, partNumber);
      const url = await this.presigner.uploadPart(this.config.PACKAGES_BUCKET, job.uploadKey, multipart.uploadId, partNumber, size, ttl);
      return { partNumber, url, size, headers: { 'Content-Length': String(size) } };
    }));
    return { parts, expiresAt: iso(this.clock.now().getTime() + ttl * 1000) };
  }

  async listParts(userId: string, importId: string): Promise<UploadedPartsResponse> {
    const { job, multipart } = await this.openMultipart(userId, importId);
    const stored = await this.storedParts(job, multipart);
    const missing = missingParts(multipart.size, multipart, stored);
    const missingSet = new Set(missing);
    const parts = stored.filter((p) => p.partNumber <= multipart.partCount && !missingSet.has(p.partNumber));
    return {
      importId, size: multipart.size, partSize: multipart.partSize, partCount: multipart.partCount, parts, missingParts: missing,
      bytesUploaded: parts.reduce((sum, p) => sum + p.size, 0),
    };
  }

  async complete(userId: string, importId: string): Promise<CompleteUploadResponse> {
    const job = await this.find(userId, importId);
    const multipart = job.multipart;
    if (!multipart) throw conflict('this import was not created as a multipart upload', 'NOT_MULTIPART');
    if (multipart.completedAt !== undefined) return { importId, size: multipart.size, status: 'awaiting_upload' };
    if (job.status !== 'awaiting_upload') throw conflict(`this import is ${job.status}`);
    const stored = await this.storedParts(job, multipart);
    const missing = missingParts(multipart.size, multipart, stored);
    if (missing.length) {
      throw conflict(`${missing.length} of ${multipart.partCount} parts are missing or incomplete: upload them, then complete`, 'UPLOAD_INCOMPLETE', { missingParts: missing.slice(0, 1000), missingCount: missing.length });
    }
    await this.objects.completeMultipart(job.uploadKey, multipart.uploadId, stored.filter((p) => p.partNumber <= multipart.partCount)).catch((e) => {
      if (e instanceof UploadGoneError) throw conflict('this upload was aborted or has expired; start a new import');
      throw e;
    });
    const size = await this.objects.size(job.uploadKey);
    if (size !== multipart.size) throw conflict('the assembled package does not have the declared size; start a new import', 'UPLOAD_INCOMPLETE', { size, expected: multipart.size });
    await this.jobs.transition(importId, ['awaiting_upload'], 'awaiting_upload', { multipart: { ...multipart, completedAt: this.clock.now().getTime() } });
    return { importId, size, status: 'awaiting_upload' };
  }

  async abort(userId: string, importId: string): Promise<CancelImportResponse> {
    const job = await this.find(userId, importId);
    if (!job.multipart) throw conflict('this import was not created as a multipart upload', 'NOT_MULTIPART');
    if (job.status === 'cancelled') return { importId, status: 'cancelled' };
    if (job.status !== 'awaiting_upload') throw conflict(`this import is ${job.status}; cancel it with POST /import/${importId}/cancel`);
    await this.objects.abortMultipart(job.uploadKey, job.multipart.uploadId);
    const cancelled = await this.jobs.transition(importId, ['awaiting_upload'], 'cancelled', { completedAt: this.clock.now().getTime() });
    if (!cancelled) throw conflict('this import has moved on; cancel it with POST /import/{importId}/cancel');
    return { importId, status: 'cancelled' };
  }

  private async newJob(userId: string, importId = this.ids.newId(), multipart?: ImportJob['multipart']): Promise<ImportJob> {
    const now = this.clock.now().getTime();
    // a multipart upload may take hours: its part URLs are asked for as it goes, until a day has passed
    const uploadExpiresAt = now + (multipart ? 24 * 3600 : this.config.UPLOAD_URL_TTL_S) * 1000;
    const job: ImportJob = {
      importId, userId, status: 'awaiting_upload', uploadedAt: now, uploadKey: importUploadKey(userId, importId), uploadExpiresAt, maxPackageBytes: this.maxBytes, attempt: 0,
      ...(multipart && { multipart }),
    };
    await this.jobs.create(job);
    return job;
  }

  private async openMultipart(userId: string, importId: string) {
    const job = await this.find(userId, importId);
    const multipart = job.multipart;
    if (!multipart) throw conflict('this import was not created as a multipart upload', 'NOT_MULTIPART');
    if (job.status !== 'awaiting_upload' || multipart.completedAt !== undefined) throw conflict(job.status === 'awaiting_upload' ? 'this upload is complete already' : `this import is ${job.status}`);
    if (this.clock.now().getTime() > job.uploadExpiresAt) throw conflict('this upload has expired; start a new import');
    return { job, multipart };
  }

  private async storedParts(job: ImportJob, multipart: NonNullable<ImportJob['multipart']>) {
    return this.objects.listParts(job.uploadKey, multipart.uploadId).catch((e) => {
      if (e instanceof UploadGoneError) throw conflict('this upload was aborted or has expired; start a new import');
      throw e;
    });
  }

  private async find(userId: string, importId: string): Promise<ImportJob> {
    const job = await this.jobs.getForUser(importId, userId);
    if (!job) throw notFound('import');
    return job;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
