import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EntityName, ValidationIssue } from '../entities';
import { PackageError, problemOf, type PackageWarning } from '../errors';
import { PACKAGE_ENTITIES, type PackageEntity } from '../layout/package-layout';
import { resolveLimits } from '../limits';
import type { PackageSource } from '../source/package-source';
import { fzipSourceFormat } from '../legacy/fzip-manifest';
import { inspectStructure, readerOf, type ReadOptions } from './open-package';
import type { PackageReader } from './package-reader';
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
    return { ...base, ...(await verifyContent(reader, options.maxListedIssues ?? 200)) };
  } finally {
    await reader.close();
  }
}

async function verifyContent(reader: PackageReader, maxListedIssues: number): Promise<Omit<VerificationReport, 'source' | 'size' | 'formatVersion' | 'manifest'>> {
  const problems: PackageError[] = [];
  const warnings: PackageWarning[] = [...reader.warnings];
  const issues: ValidationIssue[] = [];
  let issueCount = 0;
  const status = new Map<string, EntryVerification['status']>();
  const records: Partial<Record<PackageEntity, EntityVerification>> = {};
  const fileRecords = new Set<string>();

  for (const entity of PACKAGE_ENTITIES.filter((name) => reader.hasEntity(name))) {
    const path = reader.entityPath(entity as EntityName);
    const tally = { declared: reader.manifest.record_counts[entity], read: 0, valid: 0, invalid: 0, warnings: 0 };
    let firstInvalid: ValidationIssue | undefined;
    try {
      for await (const item of reader.records(entity as EntityName)) {
        tally.read += 1;
        if (item.record === undefined) {
          tally.invalid += 1;
          firstInvalid ??= item.issues.find((issue) => issue.severity === 'error');
        } else {
          tally.valid += 1;
          if (entity === 'transaction_files') fileRecords.add((item.record as { fileId: string }).fileId);
        }
        for (const issue of item.issues) {
          if (issue.severity === 'warning') tally.warnings += 1;
          issueCount += 1;
          if (issues.length < maxListedIssues) issues.push(issue);
        }
      }
      status.set(path, 'verified');
    } catch (error) {
      problems.push(rethrowUnlessPackageError(error));
      status.set(path, 'failed');
    }
    records[entity] = tally;
    if (tally.invalid > 0) {
      problems.push(
        new PackageError('RECORD_INVALID', `${path}: ${tally.invalid} of ${tally.read} records are invalid; first: ${firstInvalid?.message ?? 'see the issues'}`, {
          entry: path,
          details: { invalid: tally.invalid, read: tally.read },
        }),
      );
    }
  }

  for (const path of reader.unknownDataEntries) await drainEntry(reader, path, status, problems);
  for (const file of reader.files) await drainEntry(reader, file.path, status, problems);

  if (status.get(reader.entityPath('transaction_files')) === 'verified') {
    checkFilesAgainstRecords(reader, fileRecords, problems, warnings);
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
function checkFilesAgainstRecords(reader: PackageReader, fileRecords: ReadonlySet<string>, problems: PackageError[], warnings: PackageWarning[]): void {
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
  for (const fileId of fileRecords) {
    if (files.has(fileId) || declared.has(fileId)) continue;
    const message = `transaction file ${fileId} has no original file in the package${legacy ? '' : ' and the manifest does not say why'}`;
    if (legacy) warnings.push({ code: 'FILE_MISSING', message });
    else problems.push(new PackageError('FILE_MISSING', `${message}; the package is incomplete`, { entry: 'data/transaction_files.json' }));
  }
}

function rethrowUnlessPackageError(error: unknown): PackageError {
  if (error instanceof PackageError) return error;
  throw error;
}
