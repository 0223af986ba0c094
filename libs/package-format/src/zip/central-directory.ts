import * as yauzl from 'yauzl';
import { PackageError, messageOf } from '../errors';
import type { PackageLimits } from '../limits';
import type { PackageSource } from '../source/package-source';
import { PackageSourceError } from '../source/package-source-error';
import { readRange, SourceReader } from './source-reader';
import { SIG_LOCAL_FILE_HEADER } from './zip-constants';

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
}

/**
 * Opens a package's ZIP structure and lists its central directory, reading no entry data. The
 * entry count is checked against the limit before a single record is listed.
 */
export async function readCentralDirectory(source: PackageSource, limits: PackageLimits): Promise<CentralDirectory> {
  const where = source.describe();
  let zipfile: yauzl.ZipFile;
  try {
    zipfile = await yauzl.fromRandomAccessReaderPromise(new SourceReader(source), source.size, {
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
  if (!Number.isSafeInteger(centralDirectoryOffset) || centralDirectoryOffset > source.size) {
    zipfile.close();
    throw new PackageError('ZIP_TRUNCATED', `${where}: the central directory starts past the end of the file; the file is truncated`);
  }
  const entries: ZipEntryInfo[] = [];
  try {
    for await (const entry of zipfile.eachEntry()) entries.push(entryInfo(entry));
  } catch (error) {
    zipfile.close();
    if (error instanceof PackageSourceError) throw error;
    const message = messageOf(error);
    if (/unexpected EOF/.test(message)) {
      throw new PackageError('ZIP_TRUNCATED', `${where}: the central directory runs past the end of the file; the file is truncated`, { cause: error });
    }
    throw new PackageError('ZIP_CORRUPT', `${where}: the ZIP central directory is damaged (${message})`, { cause: error });
  }
  return { zipfile, entries, centralDirectoryOffset };
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
