import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { Inject, Injectable } from '@nestjs/common';
import { EntityKind } from '@housef3/contracts';
import { TableNames } from '@housef3/data-model';
import { ImportValidationResults, ImportWorkPlan } from '@housef3/jobs';
import { EntityName, PackageSource } from '@housef3/package-format';
import { TABLES } from '@housef3/platform';
import { IsolatedStopped, runIsolated, Transfer } from '../../isolation/isolated-run';
import { ImportServiceConfig } from '../../config/import-service.config';
import { DynamoExistingRecords } from '../existing-records.dynamo';
import { LeaseLost, progressAt } from '../import.saga';
import { Lease } from '../lease';
import { ValidationReportWriter } from '../validation-report.store';
import { HOST, ReportedIssue, ValidationAnswer } from './validation/validate-package';
import type { ValidationWorkerInput } from './validation/validation.worker';

const ENTITIES: EntityKind[] = ['accounts', 'transactions', 'categories', 'file_maps', 'transaction_files', 'analytics'];

/** The worker's entry: its compiled JavaScript in a built service, its TypeScript in development. */
const WORKER_ENTRY = join(__dirname, 'validation', `validation.worker${extname(__filename)}`);

/** The scratch folder of one validation: named like the ID set's spill folders, so a killed process's is swept at start. */
const SCRATCH_PREFIX = 'housef3-validate-';

/** Reads of the package one worker may hold open at once (the reader needs one or two). */
const MAX_OPEN_READS = 8;

/**
 * Validation, before any write. The package is untrusted input, and parsing it is where a crafted
 * upload could still exhaust memory, so the parsing and checking (validate-package.ts) run in a
 * worker thread of their own with a capped heap (IMPORT_VALIDATION_HEAP_MB) and no credentials:
 * - a worker that runs out of its heap fails this import with VALIDATION_MEMORY_EXCEEDED; the
 *   service and its other jobs go on;
 * - this side serves the worker's reads of the pinned package (counting the bytes for progress),
 *   its owner lookups in DynamoDB, and writes its issues to the full report;
 * - a lost lease, a cancel or a shutdown stops the worker at its next read;
 * - the worker's temporary files live in one scratch folder, removed when it ends.
 * A replica runs at most IMPORT_VALIDATION_WORKERS of them at once (each costs its heap plus about
 * 10 MiB of its own), so the service's memory stays bounded whatever the number of imports.
 */
@Injectable()
export class ValidateStep {
  /** validation workers running on this replica, and the imports waiting for one to end */
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    @Inject(DynamoDBClient) private readonly dynamo: DynamoDBClient,
    @Inject(S3Client) private readonly s3: S3Client,
    @Inject(TABLES) private readonly tables: TableNames,
    @Inject(ImportServiceConfig) private readonly config: ImportServiceConfig,
  ) {}

  /**
   * Whether this replica can start another validation worker (IMPORT_VALIDATION_WORKERS): the
   * runner does not claim imports that still need validating when it cannot, so they wait in the
   * job table for a replica that can. Two claims racing for the last one: the second waits here.
   */
  get hasFreeWorker(): boolean {
    return this.active < this.config.IMPORT_VALIDATION_WORKERS;
  }

  async run(lease: Lease, source: PackageSource, now: () => number): Promise<{ results: ImportValidationResults; work?: ImportWorkPlan }> {
    while (!this.hasFreeWorker) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      lease.check();
    }
    this.active += 1;
    try {
      return await this.validate(lease, source, now);
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }

  private async validate(lease: Lease, source: PackageSource, now: () => number): Promise<{ results: ImportValidationResults; work?: ImportWorkPlan }> {
    const job = lease.job;
    const scratch = mkdtempSync(join(tmpdir(), `${SCRATCH_PREFIX}${process.pid}-`));
    let fullReport = new ValidationReportWriter(this.s3, this.config.PACKAGES_BUCKET, job);
    const existing = new DynamoExistingRecords(this.dynamo, this.tables, job.userId);
    const reads = new Map<number, AsyncIterator<Buffer>>();
    let nextRead = 0;
    let bytesRead = 0;
    const stopped = (): boolean => {
      try {
        lease.check();
        return false;
      } catch {
        return true;
      }
    };
    const closeRead = (id: number): void => {
      const read = reads.get(id);
      reads.delete(id);
      void read?.return?.().catch(() => undefined);
    };
    const input: ValidationWorkerInput = { job: { userId: job.userId, importId: job.importId, options: job.options }, packageSize: source.size, packageName: source.describe(), scratch };
    try {
      const answer = await runIsolated<ValidationWorkerInput, ValidationAnswer>(WORKER_ENTRY, input, {
        heapMb: this.config.IMPORT_VALIDATION_HEAP_MB,
        // a small young generation (4 MiB semi-spaces, as the service's own): about 20 MiB less
        // resident than V8's default, for a few more scavenges
        youngMb: 8,
        shouldStop: stopped,
        outOfMemoryCode: 'VALIDATION_MEMORY_EXCEEDED',
        what: 'validating the package',
        host: {
          [HOST.readOpen]: ({ start, end }: { start: number; end: number }) => {
            if (reads.size >= MAX_OPEN_READS) throw new Error(`the validation worker holds ${reads.size} reads of the package open`);
            const id = (nextRead += 1);
            reads.set(id, (source.createReadStream(start, end) as AsyncIterable<Buffer>)[Symbol.asyncIterator]());
            return id;
          },
          [HOST.readNext]: async (id: number) => {
            const read = reads.get(id);
            if (!read) throw new Error(`no open read ${id}`);
            const next = await read.next();
            if (next.done) {
              reads.delete(id);
              return null;
            }
            bytesRead += next.value.length;
            lease.report(progressAt({ records: {}, fileBytes: 0, packageBytes: source.size }, { phase: 'validating', bytesRead }, lease.progress, now()));
            // a copy of its own, moved to the worker (a piece may be a view of a larger buffer)
            const piece = new Uint8Array(next.value);
            return new Transfer(piece, [piece.buffer]);
          },
          [HOST.readClose]: (id: number) => closeRead(id),
          [HOST.owners]: ({ entity, ids }: { entity: EntityName; ids: string[] }) => existing.owners(entity, ids),
          [HOST.issues]: (issues: ReportedIssue[]) => issues.forEach((issue) => fullReport.add(issue)),
          [HOST.discardIssues]: () => {
            fullReport.discard();
            fullReport = new ValidationReportWriter(this.s3, this.config.PACKAGES_BUCKET, job);
          },
        },
      });
      if (!answer.verified) answer.problems.forEach((p) => fullReport.add({ entity: 'package', field: p.entry ?? '', message: p.message, code: p.code, severity: 'error' }));
      const results = toResults(answer);
      Object.assign(results, await fullReport.finish());
      if (!answer.verified) return { results };
      return { results, work: { records: answer.records, fileBytes: answer.fileBytes, packageBytes: source.size } };
    } catch (e) {
      fullReport.discard();
      if (e instanceof IsolatedStopped) {
        lease.check();
        throw new LeaseLost('validation stopped');
      }
      throw e;
    } finally {
      for (const id of [...reads.keys()]) closeRead(id);
      rmSync(scratch, { recursive: true, force: true });
    }
  }
}

/** The job's validation results (the first issues; the full report holds all of them). */
function toResults(answer: ValidationAnswer): ImportValidationResults {
  if (!answer.verified) {
    return {
      summary: {}, errors: answer.problems.slice(0, 200).map((p) => ({ entity: 'package', field: p.entry ?? '', message: p.message, code: p.code })),
      warnings: [], errorCount: answer.problems.length, warningCount: 0, formatVersion: answer.formatVersion, sourceFormat: answer.sourceFormat,
    };
  }
  return {
    summary: answer.summary, errors: answer.errors, warnings: answer.warnings, errorCount: answer.errorCount, warningCount: answer.warningCount,
    formatVersion: answer.formatVersion, sourceFormat: answer.sourceFormat,
  };
}

/** Counts of valid records per entity, as the import.validated event carries them. */
export function validCounts(results: ImportValidationResults): Record<EntityKind, number> {
  return Object.fromEntries(ENTITIES.map((e) => [e, results.summary[e]?.valid ?? 0])) as Record<EntityKind, number>;
}
