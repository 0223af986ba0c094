import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { EntityKind, SagaStep } from '@housef3/contracts';
import { TableNames, toItem } from '@housef3/data-model';
import { ImportJob, ImportJobRepository, importPrefix, ImportValidationResults, SagaState, WriteCounts } from '@housef3/jobs';
import { Category, EntityName, EntityRecordOf, normalizeDecimal, openPackage, PackageFileInfo, PackageReader, PackageSource, verifyPackage } from '@housef3/package-format';
import { AppLogger, chunkNumbers, Clock, deletePrefix, errorMessage, JOB_METRICS, JobMetrics, LOGGER, MessagePublisher, PermanentError, s3PackageSource, TABLES } from '@housef3/platform';
import { ImportServiceConfig } from '../config/import-service.config';
import { newIdFor, targetFileKey, transformForImport } from '@housef3/import-domain';
import { validateImport } from '@housef3/import-domain';
import { ChunkWriter, keyString } from './chunk-writer';
import { entityTable, keyOfItem } from './entity-keys';
import { DynamoExistingRecords } from './existing-records.dynamo';
import { FileEvents } from './file-events';
import { JournalStore } from './journal.store';
import { nextStep, parentsFirst, STEP_ENTITY, STEP_ORDER } from './saga-steps';

class LeaseLost extends Error {}

type RestorableFile = PackageFileInfo & { targetId: string; targetKey: string };

/**
 * The import saga's orchestrator. One import runs at a time per job under a lease; every chunk is
 * journaled before it is written and checkpointed after, so a crash resumes from the checkpoint
 * (ImportSweeper) and any failure runs the compensations of every step done, in reverse.
 */
@Injectable()
export class ImportRunner implements OnApplicationShutdown {
  readonly owner = `import-service:${hostname()}:${process.pid}`;
  private readonly running = new Set<string>();
  private readonly restorable = new Map<string, Promise<RestorableFile[]>>();

  constructor(
    @Inject(ImportJobRepository) private readonly jobs: ImportJobRepository,
    @Inject(ChunkWriter) private readonly writer: ChunkWriter,
    @Inject(JournalStore) private readonly journals: JournalStore,
    @Inject(FileEvents) private readonly fileEvents: FileEvents,
    @Inject(DynamoDBClient) private readonly dynamo: DynamoDBClient,
    @Inject(S3Client) private readonly s3: S3Client,
    @Inject(TABLES) private readonly tables: TableNames,
    @Inject(MessagePublisher) private readonly publisher: MessagePublisher,
    @Inject(ImportServiceConfig) private readonly config: ImportServiceConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: AppLogger,
    @Inject(JOB_METRICS) private readonly metrics: JobMetrics,
  ) {
    if (config.IMPORT_FAULT_AT && config.NODE_ENV === 'production') throw new Error('IMPORT_FAULT_AT is a test hook and is refused in production');
  }

  private now() {
    return this.clock.now().getTime();
  }

  /** Claims the job (if free) and runs it in the background from wherever it is. */
  async start(importId: string): Promise<boolean> {
    if (this.running.has(importId)) return false;
    const job = await this.jobs.claim(importId, this.owner, ['validating', 'processing', 'compensating'], this.now(), this.config.IMPORT_LEASE_MS);
    if (!job) return false;
    this.running.add(importId);
    void this.run(job).finally(() => {
      this.running.delete(importId);
      this.restorable.delete(importId);
    });
    return true;
  }

  private async beat(job: ImportJob, set: Record<string, unknown> = {}): Promise<ImportJob> {
    const fresh = await this.jobs.heartbeat(job.importId, this.owner, this.now(), this.config.IMPORT_LEASE_MS, set);
    if (!fresh) throw new LeaseLost('the import was taken over');
    return fresh;
  }

  private async run(job: ImportJob): Promise<void> {
    const log = this.logger.child({ jobId: job.importId, attempt: job.attempt });
    const ctx = { correlationId: job.importId, userId: job.userId };
    let source: PackageSource | undefined;
    try {
      if (job.status === 'compensating') return await this.compensate(job, undefined);
      if (job.attempt > this.config.IMPORT_MAX_ATTEMPTS) throw new PermanentError('IMPORT_INTERRUPTED', `the import was interrupted ${job.attempt - 1} times`);
      source = await s3PackageSource(this.s3, this.config.PACKAGES_BUCKET, job.packageKey ?? job.uploadKey, { etag: job.packageEtag, maxBytes: job.maxPackageBytes });
      if (job.status === 'validating') {
        job = await this.validate(job, source);
        if (job.status !== 'processing') return;
      }
      const reader = await openPackage(source);
      try {
        job = await this.process(job, reader);
      } finally {
        await reader.close();
      }
      await this.complete(job);
      log.info('import completed');
    } catch (e) {
      if (e instanceof LeaseLost) return log.warn('lease lost; another worker has the import');
      log.error({ err: e }, 'import failed; compensating');
      const latest = (await this.jobs.get(job.importId)) ?? job;
      await this.compensate(latest, e).catch((c) => log.error({ err: c }, 'compensation failed; it will be retried'));
    } finally {
      await source?.close?.();
      await this.jobs.release(job.importId, this.owner).catch(() => undefined);
      void ctx;
    }
  }

  /** Checksums, version, every record, references, ownership and conflicts: before any write. */
  private async validate(job: ImportJob, source: PackageSource): Promise<ImportJob> {
    const options = job.options!;
    const report = await verifyPackage(source);
    let results: ImportValidationResults;
    if (!report.ok) {
      results = {
        summary: {}, errors: report.problems.slice(0, 200).map((p) => ({ entity: 'package', field: p.entry ?? '', message: p.message, code: p.code })),
        warnings: [], errorCount: report.problems.length, warningCount: 0, formatVersion: report.formatVersion,
      };
    } else {
      const reader = await openPackage(source);
      try {
        const existing = new DynamoExistingRecords(this.dynamo, this.tables, job.userId);
        const v = await validateImport(reader, existing, { userId: job.userId, mergeStrategy: options.mergeStrategy, remapIds: options.remapIds, overwriteExisting: options.overwriteExisting });
        const view = (i: (typeof v.issues)[number]) => ({ entity: i.entity, id: i.id, field: i.field, message: i.message, code: i.code });
        results = {
          summary: Object.fromEntries(Object.entries(v.summary).map(([e, s]) => [e, { valid: s.valid, warnings: s.warnings, errors: s.errors }])),
          errors: v.issues.filter((i) => i.severity === 'error').map(view), warnings: v.issues.filter((i) => i.severity === 'warning').slice(0, 50).map(view),
          errorCount: v.errorCount, warningCount: v.warningCount, formatVersion: v.formatVersion ?? report.formatVersion,
        };
      } finally {
        await reader.close();
      }
    }
    const passed = results.errorCount === 0;
    const ctx = { correlationId: job.importId, userId: job.userId };
    const validCounts = Object.fromEntries(['accounts', 'transactions', 'categories', 'file_maps', 'transaction_files', 'analytics'].map((e) => [e, results.summary[e as EntityKind]?.valid ?? 0]));
    const announce = async (outcome: 'validation_passed' | 'validation_failed') =>
      this.publisher.publish('import.validated', { importId: job.importId, outcome, valid: validCounts as never, warnings: results.warningCount, errors: results.errorCount }, ctx);
    if (!passed || options.validateOnly) {
      const to = passed ? 'validation_passed' : 'validation_failed';
      const done = await this.jobs.transition(job.importId, ['validating'], to, { validationResults: results, completedAt: this.now() }, ['leaseOwner', 'leaseExpiresAt']);
      if (!done) throw new LeaseLost('state changed');
      await announce(to);
      return done;
    }
    await announce('validation_passed');
    const saga: SagaState = { step: STEP_ORDER[0], chunk: 0, completedSteps: [], recordsDone: 0, recordsTotal: 0 };
    const next = await this.jobs.transition(job.importId, ['validating'], 'processing', { validationResults: results, saga, importResults: { counts: {}, filesRestored: 0 } });
    if (!next) throw new LeaseLost('state changed');
    return next;
  }

  private async process(job: ImportJob, reader: PackageReader): Promise<ImportJob> {
    const ctx = { correlationId: job.importId, userId: job.userId };
    for (let step: SagaStep | undefined = job.saga!.step; step && step !== 'verify'; step = nextStep(step)) {
      if (job.saga!.step !== step) job = await this.beat(job, { saga: { ...job.saga!, step, chunk: 0, recordsDone: 0, recordsTotal: 0 } });
      const entity = STEP_ENTITY[step];
      if (step === 'analytics' && !reader.hasEntity('analytics')) {
        job = await this.beat(job, { saga: { ...job.saga!, completedSteps: [...job.saga!.completedSteps, step] } });
        continue;
      }
      job = entity ? await this.recordStep(job, reader, step, entity) : await this.filesStep(job, reader);
      job = await this.beat(job, { saga: { ...job.saga!, completedSteps: [...job.saga!.completedSteps, step] } });
      const counts = entity ? job.importResults!.counts[entity as EntityKind] ?? { created: 0, updated: 0, skipped: 0 } : { created: job.importResults!.filesRestored, updated: 0, skipped: 0 };
      this.metrics.sagaSteps.inc({ step, outcome: 'completed' });
      await this.publisher.publish('import.step_completed', { importId: job.importId, step, chunk: job.saga!.chunk, stepDone: true, counts }, ctx);
    }
    job = await this.beat(job, { saga: { ...job.saga!, step: 'verify', chunk: 0 } });
    await this.verify(job, reader);
    return job;
  }

  /** Records of one entity, in chunks: transform (remap), journal, conditional writes, checkpoint. */
  private async recordStep(job: ImportJob, reader: PackageReader, step: SagaStep, entity: EntityName): Promise<ImportJob> {
    const size = this.config.IMPORT_CHUNK_RECORDS;
    const total = reader.manifest.record_counts[entity as EntityKind] ?? 0;
    let chunk = 0;
    let batch: EntityRecordOf<EntityName>[] = [];
    const flush = async () => {
      if (chunk >= job.saga!.chunk) {
        const items = batch.map((r) => toItem(entity, this.transform(job, entity, r), job.userId));
        const c = await this.writer.write(entity, items, { userId: job.userId, importId: job.importId, step, chunk, strategy: job.options!.mergeStrategy });
        const counts = { ...job.importResults!.counts };
        const before: WriteCounts = counts[entity as EntityKind] ?? { created: 0, updated: 0, skipped: 0 };
        counts[entity as EntityKind] = { created: before.created + c.created, updated: before.updated + c.updated, skipped: before.skipped + c.skipped };
        job = await this.beat(job, {
          saga: { ...job.saga!, step, chunk: chunk + 1, recordsDone: Math.min(total, (chunk + 1) * size), recordsTotal: total },
          importResults: { ...job.importResults!, counts },
        });
        if (job.cancelRequestedAt) throw new PermanentError('CANCELLED', 'cancelled by the user');
        this.fault(step, chunk);
      }
      chunk++;
      batch = [];
    };
    for await (const record of this.recordsInOrder(reader, entity)) {
      batch.push(record);
      if (batch.length === size) await flush();
    }
    if (batch.length || chunk === 0) await flush();
    return job;
  }

  private async *recordsInOrder(reader: PackageReader, entity: EntityName): AsyncGenerator<EntityRecordOf<EntityName>> {
    if (entity === 'categories') {
      const all: Category[] = [];
      for await (const { record } of reader.records('categories')) all.push(record!);
      yield* parentsFirst(all) as EntityRecordOf<EntityName>[];
      return;
    }
    for await (const { record } of reader.records(entity)) yield record!;
  }

  private transform<E extends EntityName>(job: ImportJob, entity: E, record: EntityRecordOf<E>): EntityRecordOf<E> {
    return transformForImport(entity, record, { importId: job.importId, userId: job.userId, remapIds: job.options!.remapIds });
  }

  /** Original files, in chunks, restored by the file-service; waits for each chunk's answer. */
  private async filesStep(job: ImportJob, reader: PackageReader): Promise<ImportJob> {
    const files = await this.restorableFiles(job, reader);
    const per = this.config.IMPORT_FILES_PER_CHUNK;
    for (let chunk = job.saga!.chunk; chunk * per < files.length; chunk++) {
      const slice = files.slice(chunk * per, (chunk + 1) * per);
      const payload = {
        importId: job.importId, packageKey: job.packageKey ?? job.uploadKey, chunk,
        files: slice.map((f) => ({ fileId: f.targetId, entryName: f.path, targetKey: f.targetKey, sha256: f.checksum, size: f.size })),
      };
      const answer = this.fileEvents.wait(job.importId, 'restore', chunk, this.config.IMPORT_FILE_STEP_TIMEOUT_MS);
      await this.publisher.publish('file.restore_requested', payload, { correlationId: job.importId, userId: job.userId });
      const outcome = await answer;
      if (outcome.type === 'file.restore_failed') throw new PermanentError(outcome.payload.error.code, outcome.payload.error.message);
      if (outcome.type !== 'file.restored') throw new Error(`unexpected ${outcome.type}`);
      job = await this.beat(job, {
        saga: { ...job.saga!, step: 'files', chunk: chunk + 1, recordsDone: Math.min(files.length, (chunk + 1) * per), recordsTotal: files.length },
        importResults: { ...job.importResults!, filesRestored: job.importResults!.filesRestored + outcome.payload.restored.length },
      });
      if (job.cancelRequestedAt) throw new PermanentError('CANCELLED', 'cancelled by the user');
      this.fault('files', chunk);
    }
    return job;
  }

  /**
   * Re-reads what the import wrote and compares it with the package: every written record (as
   * HouseF3 stores it; numbers compared by value, since DynamoDB normalizes them) and every
   * restored file's checksum. A mismatch fails the job (and rolls it back).
   */
  private async verify(job: ImportJob, reader: PackageReader): Promise<void> {
    const problems: string[] = [];
    for (const step of job.saga!.completedSteps) {
      const entity = STEP_ENTITY[step];
      if (!entity) continue;
      const table = this.tables[entityTable(entity)];
      const size = this.config.IMPORT_CHUNK_RECORDS;
      let chunk = 0;
      let batch: ReturnType<typeof toItem>[] = [];
      const check = async () => {
        const journal = await this.journals.get(job.userId, job.importId, step, chunk);
        const written = new Set([...(journal?.created ?? []), ...(journal?.overwritten ?? []).map((p) => keyOfItem(entity, p))].map(keyString));
        const expected = batch.filter((i) => written.has(keyString(keyOfItem(entity, i as never))));
        const stored = await this.writer.fetch(table, expected.map((i) => keyOfItem(entity, i as never)));
        for (const item of expected) {
          const got = stored.get(keyString(keyOfItem(entity, item as never)));
          if (!got || !sameItem(item, got)) problems.push(`${entity} ${JSON.stringify(Object.values(keyOfItem(entity, item as never))[0])} differs from the package`);
        }
        chunk++;
        batch = [];
      };
      for await (const record of this.recordsInOrder(reader, entity)) {
        batch.push(toItem(entity, this.transform(job, entity, record), job.userId));
        if (batch.length === size) await check();
      }
      if (batch.length) await check();
      this.fault('verify', 0);
    }
    if (job.saga!.completedSteps.includes('files')) {
      for (const f of await this.restorableFiles(job, reader)) {
        const hash = createHash('sha256');
        try {
          const out = await this.s3.send(new GetObjectCommand({ Bucket: this.config.FILE_STORAGE_BUCKET, Key: f.targetKey }));
          for await (const c of out.Body as AsyncIterable<Uint8Array>) hash.update(c);
          if (`sha256:${hash.digest('hex')}` !== f.checksum) problems.push(`file ${f.fileId}: restored bytes differ from the package`);
        } catch {
          problems.push(`file ${f.fileId}: not found where it was restored`);
        }
      }
    }
    if (problems.length) throw new PermanentError('VERIFICATION_FAILED', `what was written differs from the package: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
  }

  private async complete(job: ImportJob): Promise<void> {
    const now = this.now();
    const done = await this.jobs.transition(job.importId, ['processing'], 'completed', { completedAt: now, ttl: Math.floor(now / 1000) + 90 * 24 * 3600 }, ['leaseOwner', 'leaseExpiresAt']);
    if (!done) throw new LeaseLost('state changed');
    const counts = Object.fromEntries(['accounts', 'transactions', 'categories', 'file_maps', 'transaction_files', 'analytics'].map((e) => [e, job.importResults!.counts[e as EntityKind] ?? { created: 0, updated: 0, skipped: 0 }]));
    const analyticsRestored = (counts.analytics.created + counts.analytics.updated) > 0;
    this.metrics.jobs.inc({ kind: 'import', status: 'completed' });
    this.metrics.duration.observe({ kind: 'import', status: 'completed' }, (now - (job.startedAt ?? job.uploadedAt)) / 1000);
    if (job.packageSize !== undefined) this.metrics.packageBytes.observe({ kind: 'import' }, job.packageSize);
    await this.publisher.publish('import.completed', {
      importId: job.importId, counts: counts as never, filesRestored: job.importResults!.filesRestored, analyticsRestored,
      regenerateAnalytics: !analyticsRestored, idsRemapped: job.options!.remapIds, durationMs: now - (job.startedAt ?? job.uploadedAt), completedAt: new Date(now).toISOString(),
    }, { correlationId: job.importId, userId: job.userId });
    await this.cleanUp(job, { keepPackage: false });
  }

  /**
   * Undoes every step done, the current one included, in reverse: journals replayed backwards
   * (created records deleted where still ours, prior versions put back), files compensated by the
   * file-service. Idempotent: a crash here is resumed by the sweeper and runs it again.
   */
  private async compensate(job: ImportJob, cause: unknown): Promise<void> {
    const code = cause instanceof PermanentError ? cause.code : cause ? 'IMPORT_FAILED' : job.errorCode ?? 'IMPORT_FAILED';
    const message = cause ? errorMessage(cause) : job.error ?? 'the import failed';
    if (job.status !== 'compensating') {
      const moved = await this.jobs.transition(job.importId, ['validating', 'processing'], 'compensating', { error: message, errorCode: code, failedStep: job.saga?.step ?? 'validate' });
      if (!moved) return;
      job = moved;
      if (!job.leaseOwner) job = (await this.jobs.claim(job.importId, this.owner, ['compensating'], this.now(), this.config.IMPORT_LEASE_MS)) ?? job;
    }
    const saga = job.saga;
    const steps = saga ? [...saga.completedSteps, ...(saga.completedSteps.includes(saga.step) ? [] : [saga.step])].reverse() : [];
    const ctx = { correlationId: job.importId, userId: job.userId };
    for (const step of steps) {
      const entity = STEP_ENTITY[step];
      let deleted = 0;
      let restored = 0;
      if (entity) {
        for (const chunk of await this.journals.chunks(job.userId, job.importId, step)) {
          const journal = await this.journals.get(job.userId, job.importId, step, chunk);
          if (!journal) continue;
          const r = await this.writer.undo(entity, journal, job.userId);
          deleted += r.deleted;
          restored += r.restored;
          await this.beat(job);
        }
      } else if (step === 'files') {
        // the file-service journals each chunk before writing it: compensate exactly those
        for (const chunk of await this.fileJournalChunks(job)) {
          const answer = this.fileEvents.wait(job.importId, 'compensate', chunk, this.config.IMPORT_FILE_STEP_TIMEOUT_MS);
          await this.publisher.publish('file.restore_compensate_requested', { importId: job.importId, chunk, targetKeys: [] }, ctx);
          const outcome = await answer;
          if (outcome.type === 'file.restore_compensated') {
            deleted += outcome.payload.deleted;
            restored += outcome.payload.restored;
          }
          await this.beat(job);
        }
      }
      this.metrics.compensations.inc({ step });
      await this.publisher.publish('import.compensation_completed', { importId: job.importId, step, deleted, restored }, ctx);
    }
    const cancelled = job.errorCode === 'CANCELLED';
    const ended = await this.jobs.transition(job.importId, ['compensating'], cancelled ? 'cancelled' : 'failed', { completedAt: this.now(), ttl: Math.floor(this.now() / 1000) + 90 * 24 * 3600 }, ['leaseOwner', 'leaseExpiresAt']);
    if (!ended) return;
    this.metrics.jobs.inc({ kind: 'import', status: ended.status });
    if (saga) this.metrics.sagaSteps.inc({ step: saga.step, outcome: 'failed' });
    await this.publisher.publish('import.failed', {
      importId: job.importId, error: { code: ended.errorCode ?? code, message: (ended.error ?? message).slice(0, 4000), retriable: false },
      failedStep: ended.failedStep, compensated: true, ...(cancelled && { cancelledBy: job.userId }),
    }, ctx);
    await this.cleanUp(job, { keepPackage: false });
  }

  /**
   * The package's original files this import restores, with their target id and key: all of
   * them but those whose transaction-file record the merge strategy skipped (they stay as they
   * are). Computed once per run of the saga (the files step and verification share it).
   */
  private restorableFiles(job: ImportJob, reader: PackageReader): Promise<RestorableFile[]> {
    let files = this.restorable.get(job.importId);
    if (!files) {
      files = (async () => {
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
      })();
      this.restorable.set(job.importId, files);
    }
    return files;
  }

  private fileJournalChunks(job: ImportJob): Promise<number[]> {
    return chunkNumbers(this.s3, this.config.PACKAGES_BUCKET, `${importPrefix(job.userId, job.importId)}file-journal/`);
  }

  /** Deletes the import's own objects (journals, file backups, and the uploaded package). */
  private async cleanUp(job: ImportJob, { keepPackage }: { keepPackage: boolean }): Promise<void> {
    await deletePrefix(this.s3, this.config.PACKAGES_BUCKET, importPrefix(job.userId, job.importId), (key) => keepPackage && key === job.uploadKey);
  }

  private fault(step: SagaStep, chunk: number): void {
    if (this.config.IMPORT_FAULT_AT === `${step}:${chunk}`) throw new PermanentError('INJECTED_FAULT', `test fault injected after ${step} chunk ${chunk}`);
  }

  onApplicationShutdown(): void {
    this.running.clear();
  }
}

/** Two items are the same record: same attributes, strings and booleans equal, numbers equal by value (-0 = 0). */
export function sameItem(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  const av = a as Record<string, unknown>;
  const bv = b as Record<string, unknown>;
  if ('N' in av && 'N' in bv) return num(av.N as string) === num(bv.N as string);
  const ak = Object.keys(av).sort();
  const bk = Object.keys(bv).sort();
  if (ak.length !== bk.length || ak.some((k, i) => k !== bk[i])) return false;
  return ak.every((k) => sameItem(av[k], bv[k]));
}

const num = (n: string) => {
  const v = normalizeDecimal(n);
  return v === '-0' ? '0' : v;
};
