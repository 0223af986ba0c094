import * as yauzl from 'yauzl';
import { PackageError, messageOf } from '../errors';
import type { PackageLimits } from '../limits';
import type { PackageSource } from '../source/package-source';
import { PackageSourceError } from '../source/package-source-error';
import { ExpansionBudget } from './expansion-budget';
import { readRange, SourceReader } from './source-reader';
import {
  CENTRAL_DIRECTORY_HEADER_SIZE,
  END_OF_CENTRAL_DIRECTORY_SIZE,
  SIG_END_OF_CENTRAL_DIRECTORY,
  SIG_LOCAL_FILE_HEADER,
  SIG_ZIP64_END_OF_CENTRAL_DIRECTORY,
  SIG_ZIP64_END_OF_CENTRAL_DIRECTORY_LOCATOR,
  ZIP64_END_OF_CENTRAL_DIRECTORY_LOCATOR_SIZE,
  ZIP64_END_OF_CENTRAL_DIRECTORY_SIZE,
} from './zip-constants';

/** One central directory record, before any of its data is read. */
export interface ZipEntryInfo {
  /** Decoded name (UTF-8 when flagged, else CP437), or undefined when it cannot be decoded. */
  readonly name: string;
  readonly nameBytes: Buffer;
  /** Set when the name bytes are not valid in their declared encoding, or two names disagree. */
  readonly nameProblem?: string;
  readonly versionMadeBy: number;
  readonly flags: number;
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly externalAttributes: number;
  readonly localHeaderOffset: number;
  /** yauzl's record, for opening the data. */
  readonly raw: yauzl.Entry;
}

export interface CentralDirectory {
  readonly zipfile: yauzl.ZipFile;
  readonly entries: readonly ZipEntryInfo[];
  /** Where the central directory starts: entry data must end before it. */
  readonly centralDirectoryOffset: number;
  /** Bytes of the package itself (the base of the expansion cap). */
  readonly packageBytes: number;
}

/** What every entry read of an opened package shares: the caps and the package-wide inflation count. */
export interface OpenedPackageBounds {
  readonly limits: PackageLimits;
  readonly expansion: ExpansionBudget;
}

const BOUNDS = new WeakMap<yauzl.ZipFile, OpenedPackageBounds>();

/** The bounds of a zipfile opened by readCentralDirectory. */
export function boundsOf(zipfile: yauzl.ZipFile): OpenedPackageBounds | undefined {
  return BOUNDS.get(zipfile);
}

/**
 * Opens a package's ZIP structure and lists its central directory, reading no entry data. Before a
 * single record is listed, the end records' entry count, central directory size and archive
 * comment are checked against the caps; while listing, the bytes listed, each entry's extra field
 * and comment. So the listing never holds more than maxCentralDirectoryBytes of records.
 */
export async function readCentralDirectory(source: PackageSource, limits: PackageLimits): Promise<CentralDirectory> {
  const where = source.describe();
  const reader = new SourceReader(source);
  let zipfile: yauzl.ZipFile;
  try {
    zipfile = await yauzl.fromRandomAccessReaderPromise(reader, source.size, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: false,
    });
  } catch (error) {
    if (error instanceof PackageSourceError) throw error;
    throw await containerError(source, error);
  }
  const centralDirectoryOffset = Number((zipfile as unknown as { readEntryCursor: number }).readEntryCursor);
  if (zipfile.entryCount > limits.maxEntries) {
    zipfile.close();
    throw new PackageError('LIMIT_ENTRY_COUNT', `${where} has ${zipfile.entryCount} entries, more than the limit of ${limits.maxEntries} (maxEntries)`, {
      details: { entries: zipfile.entryCount, limit: limits.maxEntries },
    });
  }
  let end: EndRecords | undefined;
  try {
    end = await readEndRecords(reader, source.size);
  } catch (error) {
    zipfile.close();
    throw error instanceof PackageSourceError ? error : new PackageSourceError(where, error);
  }
  if (end !== undefined && end.centralDirectorySize > limits.maxCentralDirectoryBytes) {
    zipfile.close();
    throw new PackageError(
      'LIMIT_CENTRAL_DIRECTORY_SIZE',
      `${where} declares a central directory of ${end.centralDirectorySize} bytes, more than the limit of ${limits.maxCentralDirectoryBytes} (maxCentralDirectoryBytes); it was not read`,
      { details: { declared: end.centralDirectorySize, limit: limits.maxCentralDirectoryBytes } },
    );
  }
  if (end !== undefined && end.commentLength > limits.maxCommentBytes) {
    zipfile.close();
    throw new PackageError('LIMIT_COMMENT_SIZE', `${where} has an archive comment of ${end.commentLength} bytes, more than the limit of ${limits.maxCommentBytes} (maxCommentBytes)`, {
      details: { declared: end.commentLength, limit: limits.maxCommentBytes },
    });
  }
  if (!Number.isSafeInteger(centralDirectoryOffset) || centralDirectoryOffset > source.size) {
    zipfile.close();
    throw new PackageError('ZIP_TRUNCATED', `${where}: the central directory starts past the end of the file; the file is truncated`);
  }
  const entries: ZipEntryInfo[] = [];
  let listed = 0;
  try {
    for await (const entry of zipfile.eachEntry()) {
      listed += CENTRAL_DIRECTORY_HEADER_SIZE + entry.fileNameLength + entry.extraFieldLength + entry.fileCommentLength;
      if (listed > limits.maxCentralDirectoryBytes) {
        throw new PackageError(
          'LIMIT_CENTRAL_DIRECTORY_SIZE',
          `${where}: its central directory holds more than ${limits.maxCentralDirectoryBytes} bytes (maxCentralDirectoryBytes), more than its end record declares; listing stopped at entry ${entries.length + 1}`,
          { details: { listed, limit: limits.maxCentralDirectoryBytes } },
        );
      }
      const info = entryInfo(entry);
      checkRecordSizes(entry, info.name, limits);
      entries.push(info);
    }
  } catch (error) {
    zipfile.close();
    if (error instanceof PackageSourceError || error instanceof PackageError) throw error;
    const message = messageOf(error);
    if (/unexpected EOF/.test(message)) {
      throw new PackageError('ZIP_TRUNCATED', `${where}: the central directory runs past the end of the file; the file is truncated`, { cause: error });
    }
    throw new PackageError('ZIP_CORRUPT', `${where}: the ZIP central directory is damaged (${message})`, { cause: error });
  }
  BOUNDS.set(zipfile, { limits, expansion: ExpansionBudget.of(limits, source.size) });
  return { zipfile, entries, centralDirectoryOffset, packageBytes: source.size };
}

/** An entry's extra field and comment against their caps (the format allows 65,535 bytes each). */
function checkRecordSizes(entry: yauzl.Entry, name: string, limits: PackageLimits): void {
  const shown = JSON.stringify(name);
  if (entry.extraFieldLength > limits.maxExtraFieldBytes) {
    throw new PackageError('LIMIT_EXTRA_FIELD_SIZE', `entry ${shown} has an extra field of ${entry.extraFieldLength} bytes, more than the limit of ${limits.maxExtraFieldBytes} (maxExtraFieldBytes)`, {
      entry: name,
      details: { declared: entry.extraFieldLength, limit: limits.maxExtraFieldBytes },
    });
  }
  if (entry.fileCommentLength > limits.maxCommentBytes) {
    throw new PackageError('LIMIT_COMMENT_SIZE', `entry ${shown} has a comment of ${entry.fileCommentLength} bytes, more than the limit of ${limits.maxCommentBytes} (maxCommentBytes)`, {
      entry: name,
      details: { declared: entry.fileCommentLength, limit: limits.maxCommentBytes },
    });
  }
}

interface EndRecords {
  /** The central directory's size as declared (ZIP64 end record when there is one). */
  readonly centralDirectorySize: number;
  readonly commentLength: number;
}

/**
 * The central directory size and archive comment length the end records declare, found the way
 * yauzl finds them (the last end record signature; the ZIP64 record its locator points at). yauzl
 * has read these bytes already; they come from the reader's cache.
 */
async function readEndRecords(reader: SourceReader, size: number): Promise<EndRecords | undefined> {
  const tail = await reader.readTail(Math.min(size, ZIP64_END_OF_CENTRAL_DIRECTORY_LOCATOR_SIZE + END_OF_CENTRAL_DIRECTORY_SIZE + 0xffff));
  for (let i = tail.length - END_OF_CENTRAL_DIRECTORY_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== SIG_END_OF_CENTRAL_DIRECTORY) continue;
    let centralDirectorySize = tail.readUInt32LE(i + 12);
    const commentLength = tail.readUInt16LE(i + 20);
    const locator = i - ZIP64_END_OF_CENTRAL_DIRECTORY_LOCATOR_SIZE;
    if (locator >= 0 && tail.readUInt32LE(locator) === SIG_ZIP64_END_OF_CENTRAL_DIRECTORY_LOCATOR) {
      const record = await reader.readAt(Number(tail.readBigUInt64LE(locator + 8)), ZIP64_END_OF_CENTRAL_DIRECTORY_SIZE);
      if (record.length === ZIP64_END_OF_CENTRAL_DIRECTORY_SIZE && record.readUInt32LE(0) === SIG_ZIP64_END_OF_CENTRAL_DIRECTORY) {
        centralDirectorySize = Number(record.readBigUInt64LE(40));
      }
    }
    return { centralDirectorySize, commentLength };
  }
  return undefined;
}

function entryInfo(entry: yauzl.Entry): ZipEntryInfo {
  const nameBytes = entry.fileNameRaw;
  const decoded = decodeName(entry.generalPurposeBitFlag, nameBytes);
  let nameProblem = decoded.problem;
  if (nameProblem === undefined && entry.extraFields.some((field) => field.id === 0x7075)) {
    const viaExtra = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, nameBytes, entry.extraFields, true);
    if (viaExtra !== decoded.name) nameProblem = `its Unicode path field says ${JSON.stringify(viaExtra)}: the entry has two different names`;
  }
  return {
    name: decoded.name,
    nameBytes,
    ...(nameProblem !== undefined ? { nameProblem } : {}),
    versionMadeBy: entry.versionMadeBy,
    flags: entry.generalPurposeBitFlag,
    method: entry.compressionMethod,
    crc32: entry.crc32,
    compressedSize: entry.compressedSize,
    uncompressedSize: entry.uncompressedSize,
    externalAttributes: entry.externalFileAttributes,
    localHeaderOffset: entry.relativeOffsetOfLocalHeader,
    raw: entry,
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Entry names: UTF-8 when flagged (bit 11), and invalid UTF-8 then is a problem. Unflagged names
 * are CP437 by the spec, but Info-ZIP on Unix and macOS write UTF-8 without the flag; so an
 * unflagged name that is valid UTF-8 is read as UTF-8 (manifest checksum keys are UTF-8 too),
 * anything else as CP437. Either way the decoded name is then checked like any other, and the
 * local header must hold the very same bytes.
 */
function decodeName(flags: number, bytes: Buffer): { name: string; problem?: string } {
  if (bytes.every((byte) => byte < 0x80)) return { name: bytes.toString('latin1') };
  try {
    return { name: utf8.decode(bytes) };
  } catch {
    if ((flags & 0x800) !== 0) return { name: bytes.toString('latin1'), problem: 'its name is flagged UTF-8 but is not valid UTF-8' };
    return { name: yauzl.getFileNameLowLevel(flags, bytes, [], true) };
  }
}

/** Tells a truncated ZIP (starts like one, its end is missing) from something that is no ZIP. */
async function containerError(source: PackageSource, error: unknown): Promise<PackageError> {
  const where = source.describe();
  const message = messageOf(error);
  if (/End of central directory record signature not found/.test(message)) {
    const head = source.size >= 4 ? await readRange(source, 0, 4).catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
    if (head.length === 4 && head.readUInt32LE(0) === SIG_LOCAL_FILE_HEADER) {
      return new PackageError('ZIP_TRUNCATED', `${where} starts like a ZIP file but its end (the central directory) is missing: the file is truncated, probably by an interrupted download or upload`, { cause: error });
    }
    return new PackageError('NOT_A_ZIP', `${where} is not a ZIP file${source.size === 0 ? ' (it is empty)' : ''}; a HouseF3 backup is a .zip package`, { cause: error });
  }
  if (/unexpected EOF/.test(message)) {
    return new PackageError('ZIP_TRUNCATED', `${where}: the ZIP end records point past the end of the file; the file is truncated`, { cause: error });
  }
  return new PackageError('ZIP_CORRUPT', `${where}: the ZIP structure is damaged (${message})`, { cause: error });
}
