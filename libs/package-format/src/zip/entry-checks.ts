import { PackageError } from '../errors';
import type { PackageLimits } from '../limits';
import type { CentralDirectory, ZipEntryInfo } from './central-directory';
import { checkEntryName } from './entry-name';
import { expansionAllowance, expansionError } from './expansion-budget';
import {
  DOS_DIRECTORY,
  DOS_REPARSE_POINT,
  FLAG_ENCRYPTED,
  FLAG_STRONG_ENCRYPTION,
  LOCAL_FILE_HEADER_SIZE,
  METHOD_DEFLATE,
  METHOD_LZMA,
  METHOD_STORE,
  UNIX_DIRECTORY,
  UNIX_FILE_TYPE_MASK,
  UNIX_REGULAR_FILE,
  UNIX_SYMLINK,
} from './zip-constants';

/** An entry that passed the container checks, with what the data reader needs to stay in bounds. */
export interface CheckedEntry extends ZipEntryInfo {
  readonly isDirectory: boolean;
  /** The entry's local header and data must end at or before this offset (next header or the central directory). */
  readonly dataLimit: number;
}

export interface CentralDirectoryCheck {
  /** Entries without problems, in central directory order. */
  readonly entries: readonly CheckedEntry[];
  /** Every problem found, in central directory order then global ones. */
  readonly problems: readonly PackageError[];
}

/** What to do with an LZMA entry: HouseF3 writes them when a backup's original files total over 50 MB. */
const LZMA_ADVICE =
  '. HouseF3 compresses its backups with LZMA when their files total over 50 MB: unpack the backup with a tool that reads LZMA (7-Zip, Python zipfile), pack the same files again with deflate (for example `zip -r backup.zip manifest.json data files`) and import that file';

/** Unix-like hosts whose external attributes carry st_mode in the high 16 bits. */
const UNIX_HOSTS = new Set([3, 19]);

/**
 * The container checks, run on the central directory alone before any entry data is read:
 * entry names (absolute, "..", backslash, control characters, ambiguous encodings), links and
 * special files, encryption, compression method, duplicates, declared sizes against the caps,
 * compression ratio, total size and its ratio to the package's size, and overlapping entries (the "overlapping files" zip bomb).
 * Every problem is collected so a report can list them all.
 */
export function checkCentralDirectory(cd: CentralDirectory, limits: PackageLimits): CentralDirectoryCheck {
  const problems: PackageError[] = [];
  const seen = new Set<string>();
  const bounds = dataLimits(cd, problems);
  const entries: CheckedEntry[] = [];
  let total = 0;
  for (const entry of cd.entries) {
    const problem = checkEntry(entry, limits, seen);
    total += entry.uncompressedSize;
    if (problem !== undefined) {
      problems.push(problem);
      continue;
    }
    entries.push({ ...entry, isDirectory: entry.name.endsWith('/'), dataLimit: bounds.get(entry) ?? cd.centralDirectoryOffset });
  }
  if (total > limits.maxTotalBytes) {
    problems.push(
      new PackageError('LIMIT_TOTAL_SIZE', `the package would unpack to ${total} bytes, more than the limit of ${limits.maxTotalBytes} (maxTotalBytes)`, {
        details: { declared: total, limit: limits.maxTotalBytes },
      }),
    );
  }
  const allowance = expansionAllowance(limits, cd.packageBytes);
  if (total > allowance) problems.push(expansionError(total, cd.packageBytes, limits.maxExpansionRatio, allowance, 'would unpack to'));
  return { entries, problems };
}

function checkEntry(entry: ZipEntryInfo, limits: PackageLimits, seen: Set<string>): PackageError | undefined {
  const name = entry.name;
  const shown = JSON.stringify(name);
  if (entry.nameProblem !== undefined) {
    return new PackageError('ENTRY_NAME_INVALID', `entry ${shown} cannot be trusted: ${entry.nameProblem}`, { entry: name });
  }
  const nameError = checkEntryName(name, entry.nameBytes.length, limits.maxEntryNameBytes);
  if (nameError !== undefined) return nameError;
  if (seen.has(name)) {
    return new PackageError('ENTRY_DUPLICATE', `entry ${shown} appears more than once; a package has exactly one entry per path`, { entry: name });
  }
  seen.add(name);
  const typeError = checkFileType(entry);
  if (typeError !== undefined) return typeError;
  if ((entry.flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) !== 0) {
    return new PackageError('ENTRY_ENCRYPTED', `entry ${shown} is encrypted; HouseF3 backups are never encrypted inside the ZIP`, { entry: name });
  }
  if (entry.method !== METHOD_STORE && entry.method !== METHOD_DEFLATE) {
    return new PackageError(
      'ENTRY_UNSUPPORTED_COMPRESSION',
      `entry ${shown} uses compression method ${entry.method}${entry.method === METHOD_LZMA ? ' (LZMA)' : ''}; only stored (0) and deflate (8) can be read${entry.method === METHOD_LZMA ? LZMA_ADVICE : ''}`,
      { entry: name, details: { method: entry.method } },
    );
  }
  if (entry.method === METHOD_STORE && entry.compressedSize !== entry.uncompressedSize) {
    return new PackageError('ENTRY_SIZE_MISMATCH', `entry ${shown} is stored uncompressed but declares ${entry.compressedSize} stored bytes for ${entry.uncompressedSize} bytes of content`, { entry: name });
  }
  if (name.endsWith('/') && entry.uncompressedSize !== 0) {
    return new PackageError('ENTRY_NOT_REGULAR_FILE', `directory entry ${shown} has content (${entry.uncompressedSize} bytes)`, { entry: name });
  }
  if (entry.uncompressedSize > limits.maxEntryBytes) {
    return new PackageError('LIMIT_ENTRY_SIZE', `entry ${shown} would unpack to ${entry.uncompressedSize} bytes, more than the limit of ${limits.maxEntryBytes} (maxEntryBytes)`, {
      entry: name,
      details: { declared: entry.uncompressedSize, limit: limits.maxEntryBytes },
    });
  }
  if (entry.uncompressedSize >= limits.compressionRatioMinBytes && entry.uncompressedSize > entry.compressedSize * limits.maxCompressionRatio) {
    const ratio = entry.compressedSize === 0 ? 'infinity' : Math.round(entry.uncompressedSize / entry.compressedSize).toString();
    return new PackageError(
      'LIMIT_COMPRESSION_RATIO',
      `entry ${shown} expands ${ratio} times (${entry.compressedSize} -> ${entry.uncompressedSize} bytes), more than the limit of ${limits.maxCompressionRatio} (maxCompressionRatio): this is how zip bombs look`,
      { entry: name, details: { compressed: entry.compressedSize, uncompressed: entry.uncompressedSize, limit: limits.maxCompressionRatio } },
    );
  }
  return undefined;
}

/**
 * Links, devices, pipes and sockets are refused; directory entries must end with "/". Unix
 * permission bits with no file type are a regular file (or a directory when the name ends in "/").
 */
function checkFileType(entry: ZipEntryInfo): PackageError | undefined {
  const name = entry.name;
  const shown = JSON.stringify(name);
  const dosAttributes = entry.externalAttributes & 0xffff;
  const mode = entry.externalAttributes >>> 16;
  const type = mode & UNIX_FILE_TYPE_MASK;
  if ((dosAttributes & DOS_REPARSE_POINT) !== 0 || type === UNIX_SYMLINK) {
    return new PackageError('ENTRY_LINK', `entry ${shown} is a symbolic link; links can point outside the package and are never part of a backup`, { entry: name });
  }
  const host = entry.versionMadeBy >>> 8;
  // A file type of 0 is "unspecified" (Python's ZipFile.writestr writes permission bits alone):
  // every unzip tool reads such an entry as a regular file, or a directory when named like one.
  const unixType = UNIX_HOSTS.has(host) && type !== 0 ? type : undefined;
  if (unixType !== undefined && unixType !== UNIX_REGULAR_FILE && unixType !== UNIX_DIRECTORY) {
    return new PackageError('ENTRY_NOT_REGULAR_FILE', `entry ${shown} is a special file (mode ${mode.toString(8)}), not a regular file`, { entry: name });
  }
  const markedDirectory = unixType === UNIX_DIRECTORY || (dosAttributes & DOS_DIRECTORY) !== 0;
  if (markedDirectory !== name.endsWith('/') && (markedDirectory || unixType === UNIX_REGULAR_FILE)) {
    return new PackageError('ENTRY_NOT_REGULAR_FILE', `entry ${shown} is ${markedDirectory ? 'marked as a directory but named like a file' : 'named like a directory but marked as a file'}`, { entry: name });
  }
  return undefined;
}

/**
 * Sorts entries by local header offset and checks that each one's minimal extent (fixed header and
 * compressed data) ends before the next one starts and before the central directory. Returns each
 * entry's upper bound, enforced again once its real header length is known.
 */
function dataLimits(cd: CentralDirectory, problems: PackageError[]): Map<ZipEntryInfo, number> {
  const limits = new Map<ZipEntryInfo, number>();
  const sorted = [...cd.entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 0; i < sorted.length; i++) {
    const entry = sorted[i] as ZipEntryInfo;
    const next = sorted[i + 1];
    const limit = next === undefined ? cd.centralDirectoryOffset : next.localHeaderOffset;
    // A lower bound whatever the local header holds (its name length is checked when the entry is opened).
    const minimalEnd = entry.localHeaderOffset + LOCAL_FILE_HEADER_SIZE + entry.compressedSize;
    limits.set(entry, limit);
    if (minimalEnd > limit) {
      const what = next === undefined ? 'the central directory' : `entry ${JSON.stringify(next.name)}`;
      problems.push(
        new PackageError('ENTRY_OVERLAP', `entry ${JSON.stringify(entry.name)} overlaps ${what}: two entries share bytes, which is how "overlapping file" zip bombs are built`, {
          entry: entry.name,
        }),
      );
    }
  }
  return limits;
}
