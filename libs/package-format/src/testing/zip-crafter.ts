import { deflateRawSync, crc32 } from 'node:zlib';
import {
  encodeCentralDirectoryHeader,
  encodeEndOfCentralDirectory,
  encodeLocalFileHeader,
  encodeZip64EndOfCentralDirectory,
  encodeZip64EndOfCentralDirectoryLocator,
} from '../zip/zip-records';

/**
 * A low-level ZIP crafter for tests: writes exactly the headers it is told to, lies included
 * (names archiver and our writer refuse, wrong sizes and CRCs, link attributes, overlapping
 * entries, mismatching local headers). Entries carry sizes and CRC in the local header (no data
 * descriptor), as most tools other than streaming writers do. Output is deterministic.
 */
export interface CraftEntry {
  /** The central directory name (and the local one unless localName is set). */
  readonly name: string | Buffer;
  /** Uncompressed content. */
  readonly data?: Buffer;
  /** 0 stored, 8 deflate (default), anything else is written as is with `data` stored. */
  readonly method?: number;
  /** Compressed bytes to write instead of deflating `data`. */
  readonly compressed?: Buffer;
  readonly crc32?: number;
  /** Uncompressed size to declare instead of data.length (central directory and local header). */
  readonly declaredSize?: number;
  /** Compressed size to declare instead of the real one. */
  readonly declaredCompressedSize?: number;
  /** A different name in the local header. */
  readonly localName?: string | Buffer;
  readonly flags?: number;
  readonly versionMadeBy?: number;
  readonly externalAttributes?: number;
  /** Point the central directory record at another entry's local header (by index). */
  readonly sharesLocalHeaderOf?: number;
  /** Extra field of the central directory record. */
  readonly centralExtra?: Buffer;
  /** Comment of the central directory record. */
  readonly centralComment?: Buffer;
}

export interface CraftOptions {
  /** Bytes to keep (truncation). */
  readonly truncateAt?: number;
  /** Entry count to declare in the end record instead of the real one. */
  readonly declaredEntryCount?: number;
  /** Central directory size to declare in the end record(s) instead of the real one. */
  readonly declaredCentralDirectorySize?: number;
  /** Write ZIP64 end records even when the entry count does not need them. */
  readonly zip64?: boolean;
  /** The archive comment (end record). */
  readonly comment?: Buffer;
}

/** DOS date/time of 2024-01-15 10:30:00. */
const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 15;
const DOS_TIME = (10 << 11) | (30 << 5);

export function craftZip(entries: readonly CraftEntry[], options: CraftOptions = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = entry.data ?? Buffer.alloc(0);
    const method = entry.method ?? 8;
    const compressed = entry.compressed ?? (method === 8 ? deflateRawSync(data) : data);
    const name = Buffer.isBuffer(entry.name) ? entry.name : Buffer.from(entry.name, 'utf8');
    const localName = entry.localName === undefined ? name : Buffer.isBuffer(entry.localName) ? entry.localName : Buffer.from(entry.localName, 'utf8');
    const flags = entry.flags ?? (name.some((byte) => byte > 0x7f) ? 0x800 : 0);
    const crc = entry.crc32 ?? crc32(data);
    const size = entry.declaredSize ?? data.length;
    const compressedSize = entry.declaredCompressedSize ?? compressed.length;
    let localHeaderOffset: number;
    if (entry.sharesLocalHeaderOf !== undefined) {
      localHeaderOffset = offsets[entry.sharesLocalHeaderOf] as number;
    } else {
      localHeaderOffset = offset;
      const header = encodeLocalFileHeader({ versionNeeded: 20, flags, method, time: DOS_TIME, date: DOS_DATE, crc32: crc, compressedSize, uncompressedSize: size, name: localName });
      parts.push(header, compressed);
      offset += header.length + compressed.length;
    }
    offsets.push(localHeaderOffset);
    central.push(
      encodeCentralDirectoryHeader({
        versionMadeBy: entry.versionMadeBy ?? (3 << 8) | 20,
        versionNeeded: 20,
        flags,
        method,
        time: DOS_TIME,
        date: DOS_DATE,
        crc32: crc,
        compressedSize,
        uncompressedSize: size,
        name,
        ...(entry.centralExtra !== undefined ? { extra: entry.centralExtra } : {}),
        ...(entry.centralComment !== undefined ? { comment: entry.centralComment } : {}),
        externalAttributes: entry.externalAttributes ?? ((0o100644 << 16) >>> 0),
        localHeaderOffset,
      }),
    );
  }
  const cd = Buffer.concat(central);
  const count = options.declaredEntryCount ?? entries.length;
  const cdSize = options.declaredCentralDirectorySize ?? cd.length;
  const comment = options.comment !== undefined ? { comment: options.comment } : {};
  const end: Buffer[] = [];
  if (count >= 0xffff || options.zip64 === true) {
    // ZIP64 end records: the only way to declare more than 65,534 entries or a 4 GiB directory.
    end.push(encodeZip64EndOfCentralDirectory(count, cdSize, offset, (3 << 8) | 45), encodeZip64EndOfCentralDirectoryLocator(offset + cd.length));
    end.push(encodeEndOfCentralDirectory({ entryCount: 0xffff, centralDirectorySize: 0xffffffff, centralDirectoryOffset: 0xffffffff, ...comment }));
  } else {
    end.push(encodeEndOfCentralDirectory({ entryCount: count, centralDirectorySize: cdSize, centralDirectoryOffset: offset, ...comment }));
  }
  const zip = Buffer.concat([...parts, cd, ...end]);
  return options.truncateAt === undefined ? zip : zip.subarray(0, options.truncateAt);
}
