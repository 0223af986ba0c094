import { Readable } from 'node:stream';
import { EntityKind } from '@housef3/contracts';
import { ImportIssue, validateImport } from '@housef3/import-domain';
import { ImportIssueView, ImportJob } from '@housef3/jobs';
import { EntityName, openPackage, PackageError, PackageErrorCode, PackageReader, PackageSource, VerificationReport, verifyPackage, verifyReader } from '@housef3/package-format';
import type { IsolatedContext } from '../../../isolation/isolated-run';
import { STEP_ENTITY } from '../../saga-steps';

/** What the validation worker is given. */
export interface ValidationInput {
  job: Pick<ImportJob, 'userId' | 'importId' | 'options'>;
  packageSize: number;
  packageName: string;
}

/** One issue for the full report, as the worker sends them (in batches, in the order found). */
export type ReportedIssue = Pick<ImportIssue, 'entity' | 'id' | 'index' | 'field' | 'message' | 'severity' | 'code'>;

/** What the validation worker answers; the service turns it into the job's validation results. */
export type ValidationAnswer =
  | { verified: false; problems: { entry?: string; message: string; code: PackageErrorCode }[]; formatVersion?: string; sourceFormat?: string }
  | {
      verified: true;
      summary: Record<string, { valid: number; warnings: number; errors: number }>;
      errors: ImportIssueView[];
      warnings: ImportIssueView[];
      errorCount: number;
      warningCount: number;
      formatVersion?: string;
      sourceFormat?: string;
      /** records per saga step, from the manifest */
      records: Record<string, number>;
      fileBytes: number;
    };

/** The host functions the worker calls (ValidateStep serves them). */
export const HOST = {
  /** opens a read of the package's bytes [start, end): answers a read id */
  readOpen: 'readOpen',
  /** the next piece of a read (a Uint8Array), or null at its end */
  readNext: 'readNext',
  /** ends a read early (notification) */
  readClose: 'readClose',
  /** owners of existing records: { entity, ids } -> Map id -> owner */
  owners: 'owners',
  /** a batch of issues for the full report (notification) */
  issues: 'issues',
  /** the issues sent so far are void: the package failed verification (notification) */
  discardIssues: 'discardIssues',
} as const;

const ISSUE_BATCH = 500;

/**
 * Validation, before any write: the structure and version, then every record (checksums, counts,
 * schema, references, ownership and conflicts, in one pass), then the original files. It runs in
 * the validation worker (validation.worker.ts), with no network and no credentials: the package's
 * bytes, the existing records' owners and the full report all go through the service (`ctx.call`
 * / `ctx.notify`), which also counts the bytes for progress.
 */
export async function validatePackage(input: ValidationInput, ctx: IsolatedContext, spillDirectory?: string): Promise<ValidationAnswer> {
  const options = input.job.options!;
  const source = hostSource(input, ctx);
  let reader: PackageReader;
  try {
    reader = await openPackage(source);
  } catch (e) {
    // a structure that does not open: verifyPackage reports every reason (it reads no record then)
    if (e instanceof PackageError) return notVerified(await verifyPackage(source));
    throw e;
  }
  const batch: ReportedIssue[] = [];
  const flush = (): void => {
    if (batch.length) ctx.notify(HOST.issues, batch.splice(0));
  };
  try {
    // One pass over the records: validateImport reads every one, the reader audits each entity's
    // reading (checksum, count, schema), and verifyReader reads only what that pass did not (the
    // original files). Nothing is written before both have passed.
    const existing = { owners: (entity: EntityName, ids: readonly string[]) => ctx.call<Map<string, string>>(HOST.owners, { entity, ids }) };
    const v = await validateImport(reader, existing, {
      userId: input.job.userId, mergeStrategy: options.mergeStrategy, remapIds: options.remapIds, overwriteExisting: options.overwriteExisting,
      ...(spillDirectory !== undefined && { spillDirectory }),
      onIssue: (i) => {
        batch.push({ entity: i.entity, id: i.id, index: i.index, field: i.field, message: i.message, severity: i.severity, code: i.code });
        if (batch.length >= ISSUE_BATCH) flush();
      },
    });
    flush();
    ctx.check();
    const report = await verifyReader(reader);
    if (!report.ok) {
      // a package that fails verification is reported by its container problems alone, as if its
      // records had not been validated: what they said is not the package's (altered or damaged)
      ctx.notify(HOST.discardIssues, null);
      return notVerified(report);
    }
    const view = (i: (typeof v.issues)[number]): ImportIssueView => ({ entity: i.entity, id: i.id, field: i.field, message: i.message, code: i.code });
    const formatVersion = v.formatVersion ?? report.formatVersion;
    return {
      verified: true,
      summary: Object.fromEntries(Object.entries(v.summary).map(([e, s]) => [e, { valid: s.valid, warnings: s.warnings, errors: s.errors }])),
      errors: v.issues.filter((i) => i.severity === 'error').map(view), warnings: v.issues.filter((i) => i.severity === 'warning').slice(0, 50).map(view),
      errorCount: v.errorCount, warningCount: v.warningCount,
      ...(formatVersion !== undefined && { formatVersion }), ...(v.sourceFormat !== undefined && { sourceFormat: v.sourceFormat }),
      records: Object.fromEntries(Object.entries(STEP_ENTITY).map(([step, entity]) => [step, reader.manifest.record_counts[entity as EntityKind] ?? 0])),
      fileBytes: reader.files.reduce((n, f) => n + f.size, 0),
    };
  } finally {
    await reader.close();
  }
}

/** The answer for a package that failed verification: its container problems. */
function notVerified(report: VerificationReport): ValidationAnswer {
  return {
    verified: false, problems: report.problems.map((p) => ({ ...(p.entry !== undefined && { entry: p.entry }), message: p.message, code: p.code })),
    ...(report.formatVersion !== undefined && { formatVersion: report.formatVersion }), ...(report.sourceFormat !== undefined && { sourceFormat: report.sourceFormat }),
  };
}

/** The package's bytes, read through the service: one call per piece, so the service's backpressure is the worker's pace. */
function hostSource(input: ValidationInput, ctx: IsolatedContext): PackageSource {
  return {
    size: input.packageSize,
    describe: () => input.packageName,
    createReadStream: (start, end) => {
      ctx.check();
      return Readable.from(pieces(ctx, start, end), { objectMode: false });
    },
  };
}

async function* pieces(ctx: IsolatedContext, start: number, end: number): AsyncGenerator<Buffer> {
  const id = await ctx.call<number>(HOST.readOpen, { start, end });
  let done = false;
  try {
    for (;;) {
      ctx.check();
      const piece = await ctx.call<Uint8Array | null>(HOST.readNext, id);
      if (piece === null) {
        done = true;
        return;
      }
      yield Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    }
  } finally {
    if (!done) ctx.notify(HOST.readClose, id);
  }
}
