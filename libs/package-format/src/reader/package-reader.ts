import type { Readable } from 'node:stream';
import type * as yauzl from 'yauzl';
import { validateRecord, type EntityName, type EntityRecordOf, type ValidateOptions, type ValidationIssue } from '../entities';
import { PackageError, type PackageWarning } from '../errors';
import { readEntityRecords } from '../json/entity-records';
import { parseChecksum } from '../manifest/checksum';
import type { Manifest } from '../manifest/manifest.types';
import type { PackageLimits } from '../limits';
import type { PackageSource } from '../source/package-source';
import { openEntryData } from '../zip/entry-data';
import type { CheckedEntry } from '../zip/entry-checks';
import type { PackageEntries } from './package-structure';

/** One record as the reader yields it: validated (absent when invalid) with its issues. */
export interface PackageRecord<E extends EntityName> {
  /** 0-based position in the entity file. */
  readonly index: number;
  /** The validated record; absent when an issue is an error. */
  readonly record?: EntityRecordOf<E>;
  readonly issues: readonly ValidationIssue[];
}

/** An original file of the package. */
export interface PackageFileInfo {
  readonly fileId: string;
  /** files/{fileId}/{name} */
  readonly path: string;
  readonly name: string;
  /** Uncompressed bytes. */
  readonly size: number;
  readonly checksum: string;
}

/** An entry of the package as the central directory lists it. */
export interface PackageEntryInfo {
  readonly path: string;
  readonly size: number;
  readonly compressedSize: number;
  readonly checksum?: string;
}

/** Issues an audit keeps per entity (the first ones; all are counted). */
export const AUDIT_LISTED_ISSUES = 200;

/**
 * What one complete reading of an entity's records found (see PackageReader.records): what
 * verification needs of that entity, so that a caller that reads every record anyway (an import's
 * validation) does not make verification read them a second time (verifyReader).
 */
export interface EntityAudit {
  /** Records read before the end of the file or the problem that ended the reading. */
  readonly read: number;
  readonly valid: number;
  /** Records refused by validation (an error issue). */
  readonly invalid: number;
  readonly warnings: number;
  /** Every issue counted; `issues` holds the first AUDIT_LISTED_ISSUES. */
  readonly issueCount: number;
  readonly issues: readonly ValidationIssue[];
  /** The first error issue of an invalid record. */
  readonly firstInvalid?: ValidationIssue;
  /**
   * transaction_files only: the fileIds of the valid records that name an original file of the
   * package or a missing file its manifest declares. Bounded by the package's entries and
   * manifest, however many records a hostile package holds.
   */
  readonly fileIds?: ReadonlySet<string>;
  /**
   * transaction_files only: the valid records whose fileId names neither (see fileIds): the first
   * AUDIT_LISTED_ISSUES such fileIds, and how many records name others beyond them.
   */
  readonly unmatchedFiles?: { readonly fileIds: readonly string[]; readonly moreRecords: number };
  /** The package problem (checksum, count, JSON, cap) that ended the reading, if one did. */
  readonly error?: PackageError;
}

export interface PackageReaderParts {
  readonly source: string;
  readonly packageSource: PackageSource;
  readonly zipfile: yauzl.ZipFile;
  readonly entries: PackageEntries;
  readonly allEntries: readonly CheckedEntry[];
  readonly manifest: Manifest;
  readonly formatVersion: string;
  readonly warnings: readonly PackageWarning[];
  readonly limits: PackageLimits;
  readonly validation: ValidateOptions;
}

/**
 * An opened package whose structure and manifest were checked (see openPackage). Entity files
 * and original files are streamed on demand, any number of times, each verified against its
 * checksum as it is read.
 *
 * Verification happens while streaming: an entity's records are yielded as they are parsed, and a
 * checksum or record-count failure is thrown at the end of that entity's iteration. Treat records
 * as untrusted until their iteration completes; import verifies the whole package before it
 * writes anything (verifyPackage, or verifyReader after reading every record: see audit).
 */
export class PackageReader {
  /** The package's description (file path, S3 URL). */
  readonly source: string;
  /** Bytes of the package file. */
  get size(): number {
    return this.parts.packageSource.size;
  }
  /** The manifest, migrated to the current model (1.1). */
  readonly manifest: Manifest;
  /** The format version the package declares ("1.0", "1.1", ...). */
  readonly formatVersion: string;
  readonly warnings: readonly PackageWarning[];
  readonly limits: PackageLimits;
  protected readonly parts: PackageReaderParts;
  private closed = false;
  private readonly audits = new Map<EntityName, EntityAudit>();

  constructor(parts: PackageReaderParts) {
    this.parts = parts;
    this.source = parts.source;
    this.manifest = parts.manifest;
    this.formatVersion = parts.formatVersion;
    this.warnings = parts.warnings;
    this.limits = parts.limits;
  }

  /** What the package is, for people and clients: `housef3-backup-1.1`, or `housef3-fzip-1.0` for HouseF3's own backups. */
  get sourceFormat(): string {
    return `housef3-backup-${this.formatVersion}`;
  }

  /**
   * What a report should tell the user about the package itself, beyond its records: for a legacy
   * backup, what it cannot prove (no checksums, counts that disagree with its arrays). Complete
   * once every entity has been read; empty for this system's own packages.
   */
  get notices(): readonly PackageWarning[] {
    return [];
  }

  /** Every entry of the ZIP (manifest, data, files), in central directory order. */
  get entries(): PackageEntryInfo[] {
    return this.parts.allEntries
      .filter((entry) => !entry.isDirectory)
      .map((entry) => ({
        path: entry.name,
        size: entry.uncompressedSize,
        compressedSize: entry.compressedSize,
        ...(this.manifest.checksums[entry.name] !== undefined ? { checksum: this.manifest.checksums[entry.name] } : {}),
      }));
  }

  /** The original files, in central directory order. */
  get files(): PackageFileInfo[] {
    return [...this.parts.entries.files.values()].map((file) => ({
      fileId: file.fileId,
      path: file.entry.name,
      name: file.name,
      size: file.entry.uncompressedSize,
      checksum: this.manifest.checksums[file.entry.name] ?? '',
    }));
  }

  /** Entries under data/ that this version does not know (a newer minor's additions). */
  get unknownDataEntries(): string[] {
    return this.parts.entries.unknownData.map((entry) => entry.name);
  }

  /** The path of an entity's file in this package (`data/accounts.json`; `.json.gz` in a HouseF3 backup). */
  entityPath(entity: EntityName): string {
    return this.parts.entries.data.get(entity)?.name ?? `data/${entity}.json`;
  }

  /** True when the package has the entity's file (analytics may be absent). */
  hasEntity(entity: EntityName): boolean {
    return this.parts.entries.data.has(entity);
  }

  /**
   * Streams the records of one entity file, each validated. Memory stays flat whatever the file's
   * size. Throws (a PackageError) on broken JSON, a cap exceeded, more or fewer records than the
   * manifest declares, or, at the end, a checksum mismatch. Yields nothing for an absent analytics.
   *
   * A reading that reaches the end of the file, or a PackageError, leaves its audit (see audit);
   * one its consumer leaves early, or that fails to read the source, leaves none.
   */
  async *records<E extends EntityName>(entity: E): AsyncGenerator<PackageRecord<E>, void, undefined> {
    let read = 0;
    let valid = 0;
    let invalid = 0;
    let warnings = 0;
    let issueCount = 0;
    const issues: ValidationIssue[] = [];
    let firstInvalid: ValidationIssue | undefined;
    const files = entity === 'transaction_files' ? new FileIdAudit(this.files, this.manifest.missing_files) : undefined;
    const audit = (error?: PackageError): EntityAudit => ({
      read, valid, invalid, warnings, issueCount, issues,
      ...(firstInvalid !== undefined && { firstInvalid }),
      ...(files !== undefined && { fileIds: files.matched, unmatchedFiles: { fileIds: [...files.unmatched], moreRecords: files.moreRecords } }),
      ...(error !== undefined && { error }),
    });
    this.audits.delete(entity);
    try {
      for await (const item of this.readRecords(entity)) {
        read += 1;
        if (item.record === undefined) {
          invalid += 1;
          firstInvalid ??= item.issues.find((issue) => issue.severity === 'error');
        } else {
          valid += 1;
          files?.add((item.record as { fileId: string }).fileId);
        }
        for (const issue of item.issues) {
          if (issue.severity === 'warning') warnings += 1;
          issueCount += 1;
          if (issues.length < AUDIT_LISTED_ISSUES) issues.push(issue);
        }
        yield item;
      }
    } catch (error) {
      if (error instanceof PackageError) this.audits.set(entity, audit(error));
      throw error;
    }
    this.audits.set(entity, audit());
  }

  /**
   * What the last complete reading of an entity's records found (records), or undefined when none
   * completed since the reader was opened.
   */
  audit(entity: EntityName): EntityAudit | undefined {
    return this.audits.get(entity);
  }

  /** The records of one entity file as the format reads them (records audits them). */
  protected async *readRecords<E extends EntityName>(entity: E): AsyncGenerator<PackageRecord<E>, void, undefined> {
    const entry = this.parts.entries.data.get(entity);
    if (entry === undefined) return;
    const bytes = await this.openChecked(entry);
    const declared = this.manifest.record_counts[entity];
    const { maxRecordsPerEntity } = this.limits;
    let index = 0;
    for await (const raw of readEntityRecords(bytes, entry.name, entity, this.limits)) {
      if (declared !== null && index >= declared) {
        bytes.destroy();
        throw new PackageError('RECORD_COUNT_MISMATCH', `${entry.name} holds more records than the ${declared} manifest.json declares; the package was altered or damaged`, {
          entry: entry.name,
          details: { declared },
        });
      }
      if (index >= maxRecordsPerEntity) {
        bytes.destroy();
        throw new PackageError('LIMIT_RECORD_COUNT', `${entry.name} holds more than ${maxRecordsPerEntity} records (maxRecordsPerEntity)`, { entry: entry.name, details: { limit: maxRecordsPerEntity } });
      }
      const { record, issues } = validateRecord(entity, raw, { ...this.parts.validation, index });
      yield record === undefined ? { index, issues } : { index, record, issues };
      index += 1;
    }
    if (declared !== null && index !== declared) {
      throw new PackageError('RECORD_COUNT_MISMATCH', `${entry.name} holds ${index} records but manifest.json declares ${declared}; records were lost or removed`, {
        entry: entry.name,
        details: { declared, actual: index },
      });
    }
  }

  /**
   * The bytes of an original file, verified: the stream fails (PackageError CHECKSUM_MISMATCH,
   * ENTRY_SIZE_MISMATCH, ...) instead of ending normally when the bytes are not the ones written.
   */
  async openFile(fileId: string): Promise<Readable> {
    const file = this.parts.entries.files.get(fileId);
    if (file === undefined) {
      throw new PackageError('FILE_MISSING', `the package has no original file for ${fileId}`, { details: { fileId } });
    }
    return this.openChecked(file.entry);
  }

  /** The verified bytes of any content entry by path (data files, original files). */
  async openEntry(path: string): Promise<Readable> {
    const entry = this.parts.entries.content.find((candidate) => candidate.name === path);
    if (entry === undefined) throw new PackageError('ENTRY_MISSING', `the package has no entry ${JSON.stringify(path)}`, { entry: path });
    return this.openChecked(entry);
  }

  /**
   * Releases the source (PackageSource.close). Call it once every stream opened from this reader
   * has ended or been destroyed: data streams read the source directly and are not tracked.
   * Idempotent.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.parts.zipfile.close();
  }

  protected openChecked(entry: CheckedEntry): Promise<Readable> {
    if (this.closed) throw new Error('the package reader is closed');
    const checksum = this.manifest.checksums[entry.name];
    return openEntryData(this.parts.zipfile, this.parts.packageSource, entry, checksum === undefined ? undefined : parseChecksum(checksum));
  }
}

/**
 * The fileIds of a transaction_files reading, kept in memory bounded by the package itself: those
 * that name an original file or a declared missing file, and the first unmatched ones.
 */
class FileIdAudit {
  readonly matched = new Set<string>();
  readonly unmatched = new Set<string>();
  /** Records whose unmatched fileId did not fit in the list. */
  moreRecords = 0;
  private readonly known: ReadonlySet<string>;

  constructor(files: readonly PackageFileInfo[], missing: readonly { readonly file_id: string }[]) {
    this.known = new Set([...files.map((file) => file.fileId), ...missing.map((file) => file.file_id)]);
  }

  add(fileId: string): void {
    if (this.known.has(fileId)) {
      this.matched.add(fileId);
      return;
    }
    if (this.unmatched.has(fileId)) return;
    if (this.unmatched.size < AUDIT_LISTED_ISSUES) this.unmatched.add(fileId);
    else this.moreRecords += 1;
  }
}
