import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { S3Client } from '@aws-sdk/client-s3';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { MessageOf, UnreadableFileV1 } from '@housef3/contracts';
import { ExportJob, ExportJobRepository, ExportPlan, parseExportPlan, StagedEntity } from '@housef3/jobs';
import {
  DeflatedEntityData, DEFAULT_PACKAGE_LIMITS, ENTITIES_SINCE_1_2, EntityName, EntityRecordOf, PackageFileInput, readEntityRecords, validateRecord, writePackage,
} from '@housef3/package-format';
import { AppLogger, Clock, errorMessage, isRetriable, LOGGER, MessagePublisher, PermanentError, PublishContext, uploadChunks } from '@housef3/platform';
import { FileServiceConfig } from '../config/file-service.config';
import { FileStorage } from './file-storage';

const MAX_PLAN_BYTES = 64 * 1024 * 1024;

/**
 * Writes the package: the export-service's staged data entries (every record read back and
 * validated again) and each original file streamed from file storage, through the package
 * writer, into one multipart upload with server-side encryption. Nothing is held whole.
 */
@Injectable()
export class PackageAssembler implements OnApplicationShutdown {
  readonly owner = `file-service:${hostname()}:${process.pid}`;
  private readonly running = new Map<string, AbortController>();

  constructor(
    @Inject(ExportJobRepository) private readonly jobs: ExportJobRepository,
    @Inject(FileStorage) private readonly storage: FileStorage,
    @Inject(S3Client) private readonly s3: S3Client,
    @Inject(MessagePublisher) private readonly publisher: MessagePublisher,
    @Inject(FileServiceConfig) private readonly config: FileServiceConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: AppLogger,
  ) {}

  /** The export-service asked for the package: take the assembly and write it in the background. */
  async start(message: MessageOf<'file.package_assemble_requested'>): Promise<void> {
    const { exportId, planKey, packageKey } = message.payload;
    const current = await this.jobs.get(exportId);
    if (!current || current.packageKey !== packageKey || current.planKey !== planKey || current.userId !== message.userId) return;
    await this.resume(exportId, MessagePublisher.causedBy(message));
  }

  /** Takes an assembly that is due (handed over, or abandoned by a dead worker) and runs it. */
  async resume(exportId: string, ctx: PublishContext): Promise<boolean> {
    if (this.running.has(exportId)) return false;
    const job = await this.jobs.takeOver(exportId, this.owner, 'assembling', this.clock.now().getTime(), this.config.FILE_LEASE_MS, this.config.EXPORT_MAX_ATTEMPTS);
    if (!job?.planKey) return false;
    const abort = new AbortController();
    this.running.set(exportId, abort);
    void this.assemble(job, job.planKey, ctx, abort).finally(() => this.running.delete(exportId));
    return true;
  }

  private async assemble(job: ExportJob, planKey: string, ctx: PublishContext, abort: AbortController): Promise<void> {
    const log = this.logger.child({ jobId: job.exportId, attempt: job.attempt });
    const progress = { ...job.progress, phase: 'assembling' as const, bytesDone: 0 };
    const beat = setInterval(() => {
      this.jobs.heartbeat(job.exportId, this.owner, this.clock.now().getTime(), this.config.FILE_LEASE_MS, { ...progress })
        .then((mine) => mine || abort.abort(new Error('lease lost: the export was taken over, ended or deleted')))
        .catch((e) => log.warn({ err: e }, 'heartbeat failed'));
    }, Math.max(250, Math.floor(this.config.FILE_LEASE_MS / 3)));
    try {
      const plan = parseExportPlan(await this.storage.text(this.config.PACKAGES_BUCKET, planKey, MAX_PLAN_BYTES), job);
      const sizes = await this.checkFiles(plan);
      if (sizes.unreadable.length) {
        await this.failed(ctx, job, { code: 'FILES_UNREADABLE', message: `${sizes.unreadable.length} original file(s) cannot be read`, retriable: false }, sizes.unreadable);
        return;
      }
      await this.storage.abortUploads(this.config.PACKAGES_BUCKET, job.packageKey);

      const handle = writePackage({
        userId: job.userId, exportTimestamp: new Date(plan.exportTimestamp), housef3Version: plan.housef3Version,
        records: {
          accounts: this.entry(plan, 'accounts'), transactions: this.entry(plan, 'transactions'), categories: this.entry(plan, 'categories'),
          file_maps: this.entry(plan, 'file_maps'), transaction_files: this.staged(plan, 'transaction_files'),
          ...(plan.entities.some((e) => e.entity === 'analytics') && { analytics: this.entry(plan, 'analytics') }),
          ...Object.fromEntries(ENTITIES_SINCE_1_2.filter((entity) => plan.entities.some((e) => e.entity === entity)).map((entity) => [entity, this.entry(plan, entity)])),
        },
        files: plan.files.map((f): PackageFileInput => ({
          fileId: f.fileId, fileName: f.fileName, size: sizes.bytes.get(f.fileId),
          open: async () => {
            progress.current = f.fileName;
            return this.storage.open(this.config.FILE_STORAGE_BUCKET, f.s3Key);
          },
        })),
      });
      const hash = createHash('sha256');
      const body = (async function* () {
        for await (const chunk of handle.stream as AsyncIterable<Buffer>) {
          hash.update(chunk);
          progress.bytesDone += chunk.length;
          yield chunk;
        }
      })();
      // one part buffer, sent before the writer goes on: the package's size does not show in memory (ADR 0118)
      const [written] = await Promise.all([handle.done, uploadChunks(this.s3, {
        Bucket: this.config.PACKAGES_BUCKET, Key: job.packageKey, ContentType: 'application/zip', ServerSideEncryption: 'AES256',
      }, body, { partSize: this.config.PACKAGE_PART_SIZE_MB * 1024 * 1024, buffers: 1, signal: abort.signal })]);
      abort.signal.throwIfAborted();
      // Deleted while the upload was finishing (its delete may have run on another instance,
      // before this object existed): the package must not outlive the export.
      const latest = await this.jobs.get(job.exportId);
      if (!latest || latest.deleteRequestedAt !== undefined) {
        await this.storage.delete(this.config.PACKAGES_BUCKET, job.packageKey);
        log.warn('export deleted during assembly: its package was removed');
        return;
      }
      for (const staged of plan.entities) {
        const summary = written.manifest.record_counts[staged.entity];
        if (summary !== undefined && summary !== staged.records) throw new PermanentError('COUNT_MISMATCH', `${staged.entity}: staged ${staged.records} records, packaged ${summary}`);
      }
      const filesBytes = [...sizes.bytes.values()].reduce((a, b) => a + b, 0);
      await this.publisher.publish('file.package_assembled', {
        exportId: job.exportId, packageKey: job.packageKey, packageSize: written.size, packageSha256: `sha256:${hash.digest('hex')}`,
        filesCount: plan.files.length, filesBytes,
      }, ctx);
      log.info({ size: written.size, files: plan.files.length }, 'package written');
    } catch (e) {
      if (abort.signal.aborted) {
        log.warn({ reason: errorMessage(abort.signal.reason) }, 'assembly stopped');
      } else if (isRetriable(e)) {
        log.warn({ err: e }, 'assembly failed transiently; the lease is released for a retry');
        await this.jobs.release(job.exportId, this.owner, this.clock.now().getTime());
      } else {
        log.error({ err: e }, 'assembly failed');
        const code = e instanceof PermanentError ? e.code : ((e as { code?: string }).code ?? 'ASSEMBLY_FAILED');
        await this.failed(ctx, job, { code: String(code).slice(0, 100), message: errorMessage(e), retriable: false }, []);
      }
    } finally {
      clearInterval(beat);
    }
  }

  /** Every original file must be readable before anything is written: all unreadable ones are reported together. */
  private async checkFiles(plan: ExportPlan): Promise<{ unreadable: UnreadableFileV1[]; bytes: Map<string, number> }> {
    const unreadable: UnreadableFileV1[] = [];
    const bytes = new Map<string, number>();
    const queue = [...plan.files];
    const worker = async () => {
      for (let f = queue.shift(); f; f = queue.shift()) {
        const r = await this.storage.readability(this.config.FILE_STORAGE_BUCKET, f.s3Key);
        if (r.readable) bytes.set(f.fileId, r.size);
        else unreadable.push({ fileId: f.fileId, fileName: f.fileName, s3Key: f.s3Key, reason: r.reason });
      }
    };
    await Promise.all(Array.from({ length: this.config.FILE_CHECK_CONCURRENCY }, worker));
    return { unreadable, bytes };
  }

  /**
   * One staged entity as the package writer takes it: staged deflated (the export-service
   * validated, encoded and compressed every record), its bytes are copied into the package as
   * they are, their sha256 checked against the plan as they pass; staged as text (transaction_files,
   * or a plan of version 1), read back record by record.
   */
  private entry<E extends Exclude<EntityName, 'transaction_files'>>(plan: ExportPlan, entity: E): DeflatedEntityData | AsyncGenerator<EntityRecordOf<E>> {
    const staged = plan.entities.find((e) => e.entity === entity);
    if (!staged?.deflated) return this.staged(plan, entity);
    const { deflated } = staged;
    const storage = this.storage;
    const bucket = this.config.PACKAGES_BUCKET;
    return {
      records: staged.records, size: staged.bytes, sha256: staged.sha256.slice('sha256:'.length), crc32: deflated.crc32, compressedSize: deflated.compressedBytes,
      open: async function* () {
        const hash = createHash('sha256');
        for await (const chunk of await storage.open(bucket, staged.stagingKey)) {
          hash.update(chunk as Buffer);
          yield chunk as Uint8Array;
        }
        const sha256 = `sha256:${hash.digest('hex')}`;
        if (sha256 !== deflated.compressedSha256) throw new PermanentError('STAGING_CORRUPT', `${staged.stagingKey}: checksum ${sha256} differs from the plan's ${deflated.compressedSha256}`);
      },
    };
  }

  /** One staged entity, read back record by record, validated, its checksum and count checked at the end. */
  private async *staged<E extends EntityName>(plan: ExportPlan, entity: E): AsyncGenerator<EntityRecordOf<E>> {
    const staged = plan.entities.find((e) => e.entity === entity);
    if (!staged) return;
    const hash = createHash('sha256');
    const storage = this.storage;
    const bucket = this.config.PACKAGES_BUCKET;
    const bytes = (async function* () {
      for await (const chunk of await storage.open(bucket, staged.stagingKey)) {
        hash.update(chunk as Buffer);
        yield chunk as Uint8Array;
      }
    })();
    let n = 0;
    for await (const raw of readEntityRecords(bytes, staged.stagingKey, entity, DEFAULT_PACKAGE_LIMITS)) {
      const { record, issues } = validateRecord(entity, raw);
      if (!record) throw new PermanentError('STAGED_RECORD_INVALID', `${entity}: ${issues.filter((i) => i.severity === 'error').map((i) => `${i.field}: ${i.message}`).join('; ')}`);
      n++;
      yield record;
    }
    checkStaged(staged, n, `sha256:${hash.digest('hex')}`);
  }

  private async failed(ctx: PublishContext, job: ExportJob, error: { code: string; message: string; retriable: boolean }, unreadableFiles: UnreadableFileV1[]) {
    await this.publisher.publish('file.package_assembly_failed', { exportId: job.exportId, error, unreadableFiles }, ctx);
  }

  /** The export was deleted: stop at once. */
  cancel(exportId: string): void {
    this.running.get(exportId)?.abort(new Error('export deleted'));
  }

  async onApplicationShutdown(): Promise<void> {
    for (const abort of this.running.values()) abort.abort(new Error('service shutting down'));
  }
}

function checkStaged(staged: StagedEntity, records: number, sha256: string): void {
  if (records !== staged.records) throw new PermanentError('STAGING_CORRUPT', `${staged.stagingKey}: ${records} records, the plan says ${staged.records}`);
  if (sha256 !== staged.sha256) throw new PermanentError('STAGING_CORRUPT', `${staged.stagingKey}: checksum ${sha256} differs from the plan's ${staged.sha256}`);
}
