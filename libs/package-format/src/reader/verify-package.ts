import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EntityName, ValidationIssue } from '../entities';
import { PackageError, problemOf, type PackageWarning } from '../errors';
import { PACKAGE_ENTITIES, type PackageEntity } from '../layout/package-layout';
import { resolveLimits } from '../limits';
import type { PackageSource } from '../source/package-source';
import { fzipSourceFormat } from '../legacy/fzip-manifest';
import { inspectStructure, readerOf, type ReadOptions } from './open-package';
import type { EntityAudit, PackageReader } from './package-reader';
import type { EntityVerification, EntryVerification, VerificationReport } from './verification-report';

export interface VerifyOptions extends ReadOptions {
  /** Record issues listed in the report (all are counted). Default 200. */
  readonly maxListedIssues?: number;
}

/**
 * Verifies a whole package without extracting anything: the structure (see inspectStructure),
 * then every entity file (JSON, caps, record count, each record validated, checksum) and every
 * original file (size, CRC, checksum), then the agreement between transaction_files records and
 * original files. Problems in one entry do not stop the others, so the report lists every reason.
 * Never throws for a bad package; throws only when the source itself cannot be read.
 */
export async function verifyPackage(source: PackageSource, options: VerifyOptions = {}): Promise<VerificationReport> {
  const limits = resolveLimits(options.limits);
  const inspection = await inspectStructure(source, limits);
  const base = {
    source: inspection.source,
    size: inspection.size,
    ...(inspection.formatVersion !== undefined ? { formatVersion: inspection.formatVersion } : {}),
    ...(inspection.legacy !== undefined
      ? { sourceFormat: fzipSourceFormat(inspection.legacy.fzip) }
      : inspection.formatVersion !== undefined
        ? { sourceFormat: `housef3-backup-${inspection.formatVersion}` }
        : {}),
    ...(inspection.manifest !== undefined ? { manifest: inspection.manifest } : {}),
  };
  const entries = (inspection.allEntries ?? []).filter((entry) => !entry.isDirectory);
  if (inspection.problems.length > 0) {
    return {
      ...base,
      ok: false,
      entries: entries.map((entry) => ({ path: entry.name, size: entry.uncompressedSize, compressedSize: entry.compressedSize, status: 'skipped' })),
      records: {},
      problems: inspection.problems.map(problemOf),
      warnings: inspection.warnings,
      issues: [],
      issueCount: 0,
    };
  }
  const reader = readerOf(inspection, options);
  try {
    return await verifyReader(reader, options);
  } finally {
    await reader.close();
  }
}

/**
 * Verifies an opened package, for a caller that has read its records already (an import's
 * validation reads every record of every entity): an entity whose records were read to their end
 * (or to the package problem that ended them) since the reader was opened is taken from the
 * reader's audit of that reading (PackageReader.audit), not read again; everything else (entities
 * not read completely, original files, unknown data entries) is read here. verifyPackage gives
 * this report for a reader it opens itself, so the two agree, entries and problems alike; the
 * structure was checked when the package was opened (a package whose structure fails does not
 * open: verifyPackage reports it). At most AUDIT_LISTED_ISSUES record issues are listed per entity.
 */
export async function verifyReader(reader: PackageReader, options: VerifyOptions = {}): Promise<VerificationReport> {
  return {
    source: reader.source,
    size: reader.size,
    formatVersion: reader.formatVersion,
    sourceFormat: reader.sourceFormat,
    manifest: reader.manifest,
    ...(await verifyContent(reader, options.maxListedIssues ?? 200)),
  };
}

async function verifyContent(reader: PackageReader, maxListedIssues: number): Promise<Omit<VerificationReport, 'source' | 'size' | 'formatVersion' | 'manifest'>> {
  const problems: PackageError[] = [];
  const warnings: PackageWarning[] = [...reader.warnings];
  const issues: ValidationIssue[] = [];
  let issueCount = 0;
  const status = new Map<string, EntryVerification['status']>();
  const records: Partial<Record<PackageEntity, EntityVerification>> = {};
  let fileAudit: Pick<EntityAudit, 'fileIds' | 'unmatchedFiles'> = {};

  for (const entity of PACKAGE_ENTITIES.filter((name) => reader.hasEntity(name))) {
    const path = reader.entityPath(entity as EntityName);
    const audit = reader.audit(entity as EntityName) ?? (await readToAudit(reader, entity as EntityName));
    records[entity] = { declared: reader.manifest.record_counts[entity], read: audit.read, valid: audit.valid, invalid: audit.invalid, warnings: audit.warnings };
    issueCount += audit.issueCount;
    for (const issue of audit.issues) {
      if (issues.length >= maxListedIssues) break;
      issues.push(issue);
    }
    if (entity === 'transaction_files') fileAudit = audit;
    if (audit.error !== undefined) problems.push(audit.error);
    status.set(path, audit.error === undefined ? 'verified' : 'failed');
    if (audit.invalid > 0) {
      problems.push(
        new PackageError('RECORD_INVALID', `${path}: ${audit.invalid} of ${audit.read} records are invalid; first: ${audit.firstInvalid?.message ?? 'see the issues'}`, {
          entry: path,
          details: { invalid: audit.invalid, read: audit.read },
        }),
      );
    }
  }

  for (const path of reader.unknownDataEntries) await drainEntry(reader, path, status, problems);
  for (const file of reader.files) await drainEntry(reader, file.path, status, problems);

  if (status.get(reader.entityPath('transaction_files')) === 'verified') {
    checkFilesAgainstRecords(reader, fileAudit, problems, warnings);
  }
  warnings.push(...reader.notices.filter((notice) => !warnings.includes(notice)));

  return {
    ok: problems.length === 0,
    entries: reader.entries.map((entry) => ({
      path: entry.path,
      size: entry.size,
      compressedSize: entry.compressedSize,
      status: status.get(entry.path) ?? (entry.path === 'manifest.json' ? 'verified' : 'skipped'),
    })),
    records,
    problems: problems.map(problemOf),
    warnings,
    issues,
    issueCount,
  };
}

/** Reads an entity's records to their end (the reader audits the reading) and returns the audit. */
async function readToAudit(reader: PackageReader, entity: EntityName): Promise<EntityAudit> {
  try {
    for await (const item of reader.records(entity)) void item;
  } catch (error) {
    rethrowUnlessPackageError(error);
  }
  const audit = reader.audit(entity);
  if (audit === undefined) throw new Error(`reading ${entity} to its end left no audit`);
  return audit;
}

async function drainEntry(reader: PackageReader, path: string, status: Map<string, EntryVerification['status']>, problems: PackageError[]): Promise<void> {
  try {
    await pipeline(await reader.openEntry(path), new Writable({ write: (_chunk, _encoding, done) => done() }));
    status.set(path, 'verified');
  } catch (error) {
    problems.push(rethrowUnlessPackageError(error));
    status.set(path, 'failed');
  }
}

/**
 * Every original file belongs to a transaction_files record (else FILE_ORPHAN); every record has
 * its file or a missing_files declaration (else FILE_MISSING: an error in 1.1, which can declare
 * missing files, a warning in 1.0, which cannot).
 */
function checkFilesAgainstRecords(reader: PackageReader, audit: Pick<EntityAudit, 'fileIds' | 'unmatchedFiles'>, problems: PackageError[], warnings: PackageWarning[]): void {
  const fileRecords = audit.fileIds ?? new Set<string>();
  const files = new Map(reader.files.map((file) => [file.fileId, file]));
  for (const file of files.values()) {
    if (!fileRecords.has(file.fileId)) {
      problems.push(new PackageError('FILE_ORPHAN', `${file.path} belongs to no transaction_files record (no record has fileId ${file.fileId}); the package was altered`, { entry: file.path }));
    }
  }
  const declared = new Map(reader.manifest.missing_files.map((missing) => [missing.file_id, missing]));
  for (const missing of declared.values()) {
    if (!fileRecords.has(missing.file_id)) {
      problems.push(new PackageError('MANIFEST_MISMATCH', `manifest.json declares the original file of ${missing.file_id} missing, but no transaction_files record has that fileId`, { entry: 'manifest.json' }));
    } else {
      warnings.push({ code: 'FILE_MISSING_DECLARED', message: `the original file of ${missing.file_id} (${missing.file_name}) is not in the package: ${missing.reason}` });
    }
  }
  const legacy = reader.formatVersion === '1.0' || reader.sourceFormat.startsWith('housef3-fzip-');
  const missing = (message: string) => {
    if (legacy) warnings.push({ code: 'FILE_MISSING', message });
    else problems.push(new PackageError('FILE_MISSING', `${message}; the package is incomplete`, { entry: 'data/transaction_files.json' }));
  };
  const why = legacy ? '' : ' and the manifest does not say why';
  const unmatched = audit.unmatchedFiles ?? { fileIds: [], moreRecords: 0 };
  for (const fileId of unmatched.fileIds) missing(`transaction file ${fileId} has no original file in the package${why}`);
  // The audit lists the first fileIds only (a hostile package may name millions): the rest in one line.
  if (unmatched.moreRecords > 0) {
    missing(`${unmatched.moreRecords} more transaction_files records name other fileIds that have no original file in the package${why}`);
  }
}

function rethrowUnlessPackageError(error: unknown): PackageError {
  if (error instanceof PackageError) return error;
  throw error;
}
