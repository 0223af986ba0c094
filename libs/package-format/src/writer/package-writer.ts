import { PassThrough, type Readable } from 'node:stream';
import { validateRecord, type EntityName, type EntityRecordOf, type ValidationIssue } from '../entities';
import { PackageWriteError } from '../errors';
import { canonicalJson } from '../json/canonical-json';
import { dataEntryPath, entryFileName, fileEntryPath, isFileId, MANIFEST_PATH, packageFileName, PACKAGE_ENTITIES, REQUIRED_ENTITIES } from '../layout/package-layout';
import { formatChecksum } from '../manifest/checksum';
import { buildManifest, serializeManifest } from '../manifest/manifest-builder';
import type { Compatibility, Manifest, ManifestEntry, MissingFile } from '../manifest/manifest.types';
import type { DeflatedEntrySummary } from '../zip/deflated-entry';
import { ZipStreamWriter } from '../zip/zip-writer';
import { encodeEntityFile } from './entity-file-encoder';
import { recordKeyOrder } from './record-key-order';

export interface PackageWriterOptions {
  /** The exporting user (manifest user_id and the package file name). */
  readonly userId: string;
  /** The export's instant: manifest export_timestamp and the mtime of every entry. */
  readonly exportTimestamp: Date;
  /** HouseF3 version the data comes from (manifest housef3_version). */
  readonly housef3Version: string;
  /** Default: minimum_version and supported_versions both housef3Version. */
  readonly compatibility?: Compatibility;
  /** zlib level 0-9, default 6. */
  readonly compressionLevel?: number;
  /** Output buffer of the stream, default 256 KiB. */
  readonly highWaterMark?: number;
}

/** The outcome of a finished package. */
export interface WrittenPackage {
  readonly manifest: Manifest;
  /** `export_[timestamp]_[user_id].zip` */
  readonly fileName: string;
  /** Bytes of the ZIP. */
  readonly size: number;
  /** Validation warnings of written records (first 100), and how many there were. */
  readonly warnings: readonly ValidationIssue[];
  readonly warningCount: number;
}

/** Identifies an original file: the transaction file record's fileId and fileName. */
export interface PackageFileRef {
  readonly fileId: string;
  readonly fileName: string;
}

/**
 * An entity file encoded and compressed ahead of time: exactly the bytes writeRecords would write
 * for the same records (encodeEntityFile with canonicalJson in recordKeyOrder, deflated by
 * deflateEntry at the writer's level), with their summary and record count. Whoever produced it
 * validated every record; the writer copies the bytes and trusts the summary.
 */
export interface DeflatedEntityData extends DeflatedEntrySummary {
  readonly records: number;
  /** Opened when the entity's turn comes. */
  open(): AsyncIterable<Uint8Array> | Iterable<Uint8Array> | Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>>;
}

const MAX_KEPT_WARNINGS = 100;

/**
 * Writes a backup package as a stream. Pipe `output` somewhere (an S3 multipart upload, a file)
 * before writing, then call writeRecords for each entity (records one at a time), writeFile for
 * each original file (as a stream), declareMissingFile for files that could not be read, and
 * finish. Every record is validated and written in canonical form; sha256 checksums are computed
 * while writing; the manifest (format 1.1) is written last. The same calls with the same records,
 * files and export timestamp produce a byte-identical ZIP.
 *
 * Any failure (an invalid record, a failing source, the consumer going away) destroys `output`
 * with the error and makes every later call fail: a half-written package never looks complete.
 */
export class PackageWriter {
  /** The ZIP bytes. */
  readonly output: Readable;
  private readonly stream: PassThrough;
  private readonly zip: ZipStreamWriter;
  private readonly exportTimestamp: string;
  private readonly counts = new Map<EntityName, number>();
  private readonly entries: ManifestEntry[] = [];
  private readonly filesWritten = new Map<string, string>();
  private readonly fileRecords = new Set<string>();
  private readonly missing: MissingFile[] = [];
  private readonly warnings: ValidationIssue[] = [];
  private warningCount = 0;
  private state: 'open' | 'busy' | 'finished' | 'failed' = 'open';

  constructor(private readonly options: PackageWriterOptions) {
    if (!(options.exportTimestamp instanceof Date) || Number.isNaN(options.exportTimestamp.getTime())) {
      throw new PackageWriteError('WRITE_INVALID_INPUT', 'exportTimestamp must be a valid Date');
    }
    for (const [name, value] of [['userId', options.userId], ['housef3Version', options.housef3Version]] as const) {
      if (typeof value !== 'string' || value.length === 0 || value.length > 1000) {
        throw new PackageWriteError('WRITE_INVALID_INPUT', `${name} must be a non-empty string of at most 1000 characters`);
      }
    }
    this.exportTimestamp = isoTimestamp(options.exportTimestamp);
    this.stream = new PassThrough({ highWaterMark: options.highWaterMark ?? 256 * 1024 });
    this.output = this.stream;
    this.zip = new ZipStreamWriter(this.stream, { mtime: options.exportTimestamp, compressionLevel: options.compressionLevel });
  }

  /**
   * Writes `data/<entity>.json` from records given one at a time. Each record is validated
   * (an error issue fails the package with WRITE_INVALID_RECORD) and written in canonical form.
   * Resolves with the number of records written. Each entity is written once; an empty source
   * writes an empty list.
   */
  async writeRecords<E extends EntityName>(entity: E, records: AsyncIterable<EntityRecordOf<E>> | Iterable<EntityRecordOf<E>>): Promise<number> {
    return this.run(async () => {
      if (!(PACKAGE_ENTITIES as readonly string[]).includes(entity)) {
        throw new PackageWriteError('WRITE_INVALID_INPUT', `${String(entity)} is not an entity of the package`);
      }
      if (this.counts.has(entity)) throw new PackageWriteError('WRITE_STATE', `${entity} were already written to this package`);
      const order = recordKeyOrder(entity);
      let count = 0;
      const encode = (record: EntityRecordOf<E>, index: number): string => {
        const valid = this.validated(entity, record, index);
        if (entity === 'transaction_files') this.fileRecords.add((valid as EntityRecordOf<'transaction_files'>).fileId);
        count = index + 1;
        return canonicalJson(valid, order);
      };
      const path = dataEntryPath(entity);
      const written = await this.zip.addEntry(path, encodeEntityFile(entity, records, encode));
      this.entries.push({ path, size: written.size, checksum: formatChecksum(written.sha256) });
      this.counts.set(entity, count);
      return count;
    });
  }

  /**
   * Writes `data/<entity>.json` from data encoded and compressed ahead of time (DeflatedEntityData)
   * without decoding it: the producer validated the records. Not for transaction_files, whose
   * records the writer must see to match them with the original files.
   */
  async writeDeflatedRecords(entity: EntityName, data: DeflatedEntityData): Promise<number> {
    return this.run(async () => {
      if (!(PACKAGE_ENTITIES as readonly string[]).includes(entity)) {
        throw new PackageWriteError('WRITE_INVALID_INPUT', `${String(entity)} is not an entity of the package`);
      }
      if (entity === 'transaction_files') throw new PackageWriteError('WRITE_INVALID_INPUT', 'transaction_files must be written record by record');
      if (this.counts.has(entity)) throw new PackageWriteError('WRITE_STATE', `${entity} were already written to this package`);
      if (!Number.isSafeInteger(data.records) || data.records < 0) throw new PackageWriteError('WRITE_INVALID_INPUT', `${entity}: bad record count ${data.records}`);
      const path = dataEntryPath(entity);
      const written = await this.zip.addDeflatedEntry(path, await data.open(), data);
      this.entries.push({ path, size: written.size, checksum: formatChecksum(written.sha256) });
      this.counts.set(entity, data.records);
      return data.records;
    });
  }

  /**
   * Writes an original file as `files/{fileId}/{name}` from a stream of its bytes. The name is the
   * record's fileName made safe for a path (see entryFileName). When `expectedSize` is given, a
   * stream that delivers another number of bytes fails the package.
   */
  async writeFile(file: PackageFileRef, content: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, expectedSize?: number): Promise<ManifestEntry> {
    return this.run(async () => {
      this.checkFileRef(file);
      if (this.filesWritten.has(file.fileId)) throw new PackageWriteError('WRITE_INVALID_INPUT', `the original file of ${file.fileId} was already written`);
      const path = fileEntryPath(file.fileId, entryFileName(file.fileName));
      this.filesWritten.set(file.fileId, path);
      const written = await this.zip.addEntry(path, content);
      if (expectedSize !== undefined && written.size !== expectedSize) {
        throw new PackageWriteError('WRITE_INVALID_INPUT', `the original file ${file.fileId} (${file.fileName}) delivered ${written.size} bytes instead of ${expectedSize}; it changed or was cut short while being read`, {
          details: { expected: expectedSize, actual: written.size },
        });
      }
      const entry = { path, size: written.size, checksum: formatChecksum(written.sha256) };
      this.entries.push(entry);
      return entry;
    });
  }

  /** Records in the manifest that an original file could not be included, and why. */
  declareMissingFile(file: PackageFileRef, reason: string): void {
    if (this.state !== 'open') throw this.stateError('declare a missing file');
    this.checkFileRef(file);
    if (this.filesWritten.has(file.fileId) || this.missing.some((m) => m.file_id === file.fileId)) {
      throw new PackageWriteError('WRITE_INVALID_INPUT', `the original file of ${file.fileId} is already in the package or already declared missing`);
    }
    if (typeof reason !== 'string' || reason.length === 0) throw new PackageWriteError('WRITE_INVALID_INPUT', 'a missing file needs a reason');
    this.missing.push({ file_id: file.fileId, file_name: file.fileName, reason });
  }

  /**
   * Checks the package is complete (every required entity written; every transaction file has
   * its original file or a missing-file declaration, and every file its record), writes the
   * manifest and the central directory, and ends `output`.
   */
  async finish(): Promise<WrittenPackage> {
    return this.run(async () => {
      const absent = REQUIRED_ENTITIES.filter((entity) => !this.counts.has(entity));
      if (absent.length > 0) {
        throw new PackageWriteError('WRITE_STATE', `the package has no ${absent.join(', ')}: write every entity before finishing (an empty list is fine)`);
      }
      this.checkFilesMatchRecords();
      const count = (entity: EntityName): number => this.counts.get(entity) ?? 0;
      const manifest = buildManifest({
        exportTimestamp: this.exportTimestamp,
        userId: this.options.userId,
        housef3Version: this.options.housef3Version,
        compatibility: this.options.compatibility ?? { minimum_version: this.options.housef3Version, supported_versions: [this.options.housef3Version] },
        counts: Object.fromEntries(PACKAGE_ENTITIES.map((entity) => [entity, count(entity)])) as Record<EntityName, number>,
        analyticsIncluded: this.counts.has('analytics'),
        written: [...this.counts.keys()],
        entries: this.entries,
        missingFiles: this.missing,
      });
      await this.zip.addEntry(MANIFEST_PATH, [serializeManifest(manifest)]);
      const { size } = await this.zip.finish();
      this.state = 'finished';
      return {
        manifest,
        fileName: packageFileName(this.options.userId, this.options.exportTimestamp),
        size,
        warnings: [...this.warnings],
        warningCount: this.warningCount,
      };
    }, 'finished');
  }

  /** Abandons the package: `output` is destroyed with `reason`. */
  abort(reason: Error): void {
    if (this.state === 'finished' || this.state === 'failed') return;
    this.state = 'failed';
    this.stream.destroy(reason);
  }

  private async run<T>(work: () => Promise<T>, next: 'open' | 'finished' = 'open'): Promise<T> {
    if (this.state !== 'open') throw this.stateError(next === 'finished' ? 'finish' : 'write');
    this.state = 'busy';
    try {
      const result = await work();
      if (this.state === 'busy') this.state = next;
      return result;
    } catch (error) {
      this.abort(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }

  private stateError(action: string): PackageWriteError {
    const why = { busy: 'another write is in progress (calls must be awaited one at a time)', finished: 'the package is finished', failed: 'the package failed', open: '' }[this.state];
    return new PackageWriteError('WRITE_STATE', `cannot ${action}: ${why}`);
  }

  private validated<E extends EntityName>(entity: E, record: EntityRecordOf<E>, index: number): EntityRecordOf<E> {
    const { record: valid, issues } = validateRecord(entity, record, { index });
    const errors = issues.filter((issue) => issue.severity === 'error');
    if (valid === undefined || errors.length > 0) {
      const shown = errors.slice(0, 5).map((issue) => issue.message).join('; ');
      throw new PackageWriteError('WRITE_INVALID_RECORD', `${entity} record ${index + 1} cannot be written to a backup: ${shown}`, {
        entry: dataEntryPath(entity),
        details: { index, errors: errors.length },
      });
    }
    for (const issue of issues) {
      this.warningCount += 1;
      if (this.warnings.length < MAX_KEPT_WARNINGS) this.warnings.push(issue);
    }
    return valid;
  }

  private checkFileRef(file: PackageFileRef): void {
    if (typeof file?.fileId !== 'string' || !isFileId(file.fileId)) {
      throw new PackageWriteError('WRITE_INVALID_INPUT', `fileId ${JSON.stringify(file?.fileId)} cannot name a package folder (letters, digits, ".", "_", "-", at most 128)`);
    }
    if (typeof file.fileName !== 'string' || file.fileName.length === 0) {
      throw new PackageWriteError('WRITE_INVALID_INPUT', `the original file of ${file.fileId} needs a non-empty fileName`);
    }
  }

  private checkFilesMatchRecords(): void {
    for (const fileId of this.filesWritten.keys()) {
      if (!this.fileRecords.has(fileId)) {
        throw new PackageWriteError('WRITE_INVALID_INPUT', `the original file ${fileId} was written but no transaction_files record has that fileId`);
      }
    }
    for (const missing of this.missing) {
      if (!this.fileRecords.has(missing.file_id)) {
        throw new PackageWriteError('WRITE_INVALID_INPUT', `the missing file ${missing.file_id} was declared but no transaction_files record has that fileId`);
      }
    }
    const declared = new Set(this.missing.map((m) => m.file_id));
    for (const fileId of this.fileRecords) {
      if (!this.filesWritten.has(fileId) && !declared.has(fileId)) {
        throw new PackageWriteError('WRITE_INVALID_INPUT', `transaction file ${fileId} has neither its original file nor a missing-file declaration; write it or declare why it is missing`);
      }
    }
  }
}

/** RFC 3339 UTC, without milliseconds when they are zero ("2024-01-15T10:30:00Z", as the design). */
export function isoTimestamp(instant: Date): string {
  const iso = instant.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}
