import { pipeline, Readable, Transform } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { Inject, Injectable } from '@nestjs/common';
import { EntityKind } from '@housef3/contracts';
import { TableNames } from '@housef3/data-model';
import { ImportValidationResults, ImportWorkPlan } from '@housef3/jobs';
import { openPackage, PackageSource, verifyPackage } from '@housef3/package-format';
import { TABLES } from '@housef3/platform';
import { validateImport } from '@housef3/import-domain';
import { DynamoExistingRecords } from '../existing-records.dynamo';
import { progressAt } from '../import.saga';
import { Lease } from '../lease';
import { STEP_ENTITY } from '../saga-steps';
import { ValidationReportWriter } from '../validation-report.store';
import { ImportServiceConfig } from '../../config/import-service.config';

const ENTITIES: EntityKind[] = ['accounts', 'transactions', 'categories', 'file_maps', 'transaction_files', 'analytics'];

/**
 * Validation, before any write: checksums and version, then every record, references, ownership
 * and conflicts. Reads the package through a source that reports progress (bytes read) and stops
 * at the next read once the lease is lost or the user cancelled.
 */
@Injectable()
export class ValidateStep {
  constructor(
    @Inject(DynamoDBClient) private readonly dynamo: DynamoDBClient,
    @Inject(S3Client) private readonly s3: S3Client,
    @Inject(TABLES) private readonly tables: TableNames,
    @Inject(ImportServiceConfig) private readonly config: ImportServiceConfig,
  ) {}

  async run(lease: Lease, rawSource: PackageSource, now: () => number): Promise<{ results: ImportValidationResults; work?: ImportWorkPlan }> {
    const job = lease.job;
    const options = job.options!;
    const bytes = { read: 0 };
    const source = watchedSource(rawSource, lease, (n) => {
      bytes.read += n;
      lease.report(progressAt({ records: {}, fileBytes: 0, packageBytes: rawSource.size }, { phase: 'validating', bytesRead: bytes.read }, lease.progress, now()));
    });
    const report = await verifyPackage(source);
    // every issue, streamed to the import's full report (per-code totals, pages, CSV); the job keeps the first ones
    const fullReport = new ValidationReportWriter(this.s3, this.config.PACKAGES_BUCKET, job);
    if (!report.ok) {
      report.problems.forEach((p) => fullReport.add({ entity: 'package', field: p.entry ?? '', message: p.message, code: p.code, severity: 'error' }));
      const results: ImportValidationResults = {
        summary: {}, errors: report.problems.slice(0, 200).map((p) => ({ entity: 'package', field: p.entry ?? '', message: p.message, code: p.code })),
        warnings: [], errorCount: report.problems.length, warningCount: 0, formatVersion: report.formatVersion, sourceFormat: report.sourceFormat,
      };
      Object.assign(results, await fullReport.finish());
      return { results };
    }
    lease.check();
    const reader = await openPackage(source).catch((e) => {
      fullReport.discard();
      throw e;
    });
    try {
      const existing = new DynamoExistingRecords(this.dynamo, this.tables, job.userId);
      const v = await validateImport(reader, existing, {
        userId: job.userId, mergeStrategy: options.mergeStrategy, remapIds: options.remapIds, overwriteExisting: options.overwriteExisting, onIssue: fullReport.add,
      });
      const view = (i: (typeof v.issues)[number]) => ({ entity: i.entity, id: i.id, field: i.field, message: i.message, code: i.code });
      const results: ImportValidationResults = {
        summary: Object.fromEntries(Object.entries(v.summary).map(([e, s]) => [e, { valid: s.valid, warnings: s.warnings, errors: s.errors }])),
        errors: v.issues.filter((i) => i.severity === 'error').map(view), warnings: v.issues.filter((i) => i.severity === 'warning').slice(0, 50).map(view),
        errorCount: v.errorCount, warningCount: v.warningCount, formatVersion: v.formatVersion ?? report.formatVersion, sourceFormat: v.sourceFormat,
      };
      Object.assign(results, await fullReport.finish());
      const records = Object.fromEntries(Object.entries(STEP_ENTITY).map(([step, entity]) => [step, reader.manifest.record_counts[entity as EntityKind] ?? 0]));
      return { results, work: { records, fileBytes: reader.files.reduce((n, f) => n + f.size, 0), packageBytes: rawSource.size } };
    } catch (e) {
      fullReport.discard();
      throw e;
    } finally {
      await reader.close();
    }
  }
}

/** Counts of valid records per entity, as the import.validated event carries them. */
export function validCounts(results: ImportValidationResults): Record<EntityKind, number> {
  return Object.fromEntries(ENTITIES.map((e) => [e, results.summary[e]?.valid ?? 0])) as Record<EntityKind, number>;
}

/** The same bytes, with every chunk counted and every new read refused once the worker must stop. */
function watchedSource(source: PackageSource, lease: Lease, onBytes: (n: number) => void): PackageSource {
  return {
    size: source.size,
    describe: () => source.describe(),
    close: source.close?.bind(source),
    createReadStream: (start, end) => {
      lease.check();
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          onBytes(chunk.length);
          done(null, chunk);
        },
      });
      // errors and early closes travel both ways: the reader sees a failed read, an abandoned read aborts the request
      pipeline(source.createReadStream(start, end) as Readable, counted, () => undefined);
      return counted;
    },
  };
}
