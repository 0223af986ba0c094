import {
  CENTRAL_DIRECTORY_HEADER_SIZE,
  END_OF_CENTRAL_DIRECTORY_SIZE,
  EXTRA_ZIP64,
  LOCAL_FILE_HEADER_SIZE,
  SIG_CENTRAL_DIRECTORY_HEADER,
  SIG_DATA_DESCRIPTOR,
  SIG_END_OF_CENTRAL_DIRECTORY,
  SIG_LOCAL_FILE_HEADER,
  SIG_ZIP64_END_OF_CENTRAL_DIRECTORY,
  SIG_ZIP64_END_OF_CENTRAL_DIRECTORY_LOCATOR,
  UINT32_MAX,
  VERSION_ZIP64,
  ZIP64_END_OF_CENTRAL_DIRECTORY_LOCATOR_SIZE,
  ZIP64_END_OF_CENTRAL_DIRECTORY_SIZE,
} from './zip-constants';

/**
 * Byte encoders of the ZIP records, field by field as APPNOTE.TXT lays them out.
 * They encode exactly what they are given (no defaults, no checks), which is what both the
 * writer and the test suite's hostile-package crafter need.
 */

export interface LocalFileHeaderFields {
  readonly versionNeeded: number;
  readonly flags: number;
  readonly method: number;
  readonly time: number;
  readonly date: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly name: Buffer;
  readonly extra?: Buffer;
}

export function encodeLocalFileHeader(f: LocalFileHeaderFields): Buffer {
  const extra = f.extra ?? Buffer.alloc(0);
  const b = Buffer.alloc(LOCAL_FILE_HEADER_SIZE + f.name.length + extra.length);
  b.writeUInt32LE(SIG_LOCAL_FILE_HEADER, 0);
  b.writeUInt16LE(f.versionNeeded, 4);
  b.writeUInt16LE(f.flags, 6);
  b.writeUInt16LE(f.method, 8);
  b.writeUInt16LE(f.time, 10);
  b.writeUInt16LE(f.date, 12);
  b.writeUInt32LE(f.crc32 >>> 0, 14);
  b.writeUInt32LE(f.compressedSize, 18);
  b.writeUInt32LE(f.uncompressedSize, 22);
  b.writeUInt16LE(f.name.length, 26);
  b.writeUInt16LE(extra.length, 28);
  f.name.copy(b, 30);
  extra.copy(b, 30 + f.name.length);
  return b;
}

/** Data descriptor with signature; 8-byte sizes when either size needs ZIP64. */
export function encodeDataDescriptor(crc32: number, compressedSize: number, uncompressedSize: number, zip64: boolean): Buffer {
  const b = Buffer.alloc(zip64 ? 24 : 16);
  b.writeUInt32LE(SIG_DATA_DESCRIPTOR, 0);
  b.writeUInt32LE(crc32 >>> 0, 4);
  if (zip64) {
    b.writeBigUInt64LE(BigInt(compressedSize), 8);
    b.writeBigUInt64LE(BigInt(uncompressedSize), 16);
  } else {
    b.writeUInt32LE(compressedSize, 8);
    b.writeUInt32LE(uncompressedSize, 12);
  }
  return b;
}

export interface CentralDirectoryHeaderFields {
  readonly versionMadeBy: number;
  readonly versionNeeded: number;
  readonly flags: number;
  readonly method: number;
  readonly time: number;
  readonly date: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly name: Buffer;
  readonly extra?: Buffer;
  readonly comment?: Buffer;
  readonly internalAttributes?: number;
  readonly externalAttributes: number;
  readonly localHeaderOffset: number;
}

export function encodeCentralDirectoryHeader(f: CentralDirectoryHeaderFields): Buffer {
  const extra = f.extra ?? Buffer.alloc(0);
  const comment = f.comment ?? Buffer.alloc(0);
  const b = Buffer.alloc(CENTRAL_DIRECTORY_HEADER_SIZE + f.name.length + extra.length + comment.length);
  b.writeUInt32LE(SIG_CENTRAL_DIRECTORY_HEADER, 0);
  b.writeUInt16LE(f.versionMadeBy, 4);
  b.writeUInt16LE(f.versionNeeded, 6);
  b.writeUInt16LE(f.flags, 8);
  b.writeUInt16LE(f.method, 10);
  b.writeUInt16LE(f.time, 12);
  b.writeUInt16LE(f.date, 14);
  b.writeUInt32LE(f.crc32 >>> 0, 16);
  b.writeUInt32LE(f.compressedSize, 20);
  b.writeUInt32LE(f.uncompressedSize, 24);
  b.writeUInt16LE(f.name.length, 28);
  b.writeUInt16LE(extra.length, 30);
  b.writeUInt16LE(comment.length, 32);
  b.writeUInt16LE(0, 34);
  b.writeUInt16LE(f.internalAttributes ?? 0, 36);
  b.writeUInt32LE(f.externalAttributes >>> 0, 38);
  b.writeUInt32LE(f.localHeaderOffset, 42);
  f.name.copy(b, 46);
  extra.copy(b, 46 + f.name.length);
  comment.copy(b, 46 + f.name.length + extra.length);
  return b;
}

/**
 * Central directory fields of one entry, with the ZIP64 extra field when a size or the offset
 * does not fit in 32 bits (those fields then hold 0xFFFFFFFF, as the spec requires).
 */
export function centralDirectorySizes(uncompressedSize: number, compressedSize: number, localHeaderOffset: number): {
  uncompressedSize: number;
  compressedSize: number;
  localHeaderOffset: number;
  extra: Buffer;
  zip64: boolean;
} {
  const big: bigint[] = [];
  const u = uncompressedSize >= UINT32_MAX ? (big.push(BigInt(uncompressedSize)), UINT32_MAX) : uncompressedSize;
  const c = compressedSize >= UINT32_MAX ? (big.push(BigInt(compressedSize)), UINT32_MAX) : compressedSize;
  const o = localHeaderOffset >= UINT32_MAX ? (big.push(BigInt(localHeaderOffset)), UINT32_MAX) : localHeaderOffset;
  if (big.length === 0) return { uncompressedSize: u, compressedSize: c, localHeaderOffset: o, extra: Buffer.alloc(0), zip64: false };
  const extra = Buffer.alloc(4 + 8 * big.length);
  extra.writeUInt16LE(EXTRA_ZIP64, 0);
  extra.writeUInt16LE(8 * big.length, 2);
  big.forEach((value, i) => extra.writeBigUInt64LE(value, 4 + 8 * i));
  return { uncompressedSize: u, compressedSize: c, localHeaderOffset: o, extra, zip64: true };
}

export interface EndOfCentralDirectoryFields {
  readonly entryCount: number;
  readonly centralDirectorySize: number;
  readonly centralDirectoryOffset: number;
  readonly comment?: Buffer;
}

export function encodeEndOfCentralDirectory(f: EndOfCentralDirectoryFields): Buffer {
  const comment = f.comment ?? Buffer.alloc(0);
  const b = Buffer.alloc(END_OF_CENTRAL_DIRECTORY_SIZE + comment.length);
  b.writeUInt32LE(SIG_END_OF_CENTRAL_DIRECTORY, 0);
  b.writeUInt16LE(0, 4);
  b.writeUInt16LE(0, 6);
  b.writeUInt16LE(f.entryCount, 8);
  b.writeUInt16LE(f.entryCount, 10);
  b.writeUInt32LE(f.centralDirectorySize, 12);
  b.writeUInt32LE(f.centralDirectoryOffset, 16);
  b.writeUInt16LE(comment.length, 20);
  comment.copy(b, 22);
  return b;
}

export function encodeZip64EndOfCentralDirectory(entryCount: number, centralDirectorySize: number, centralDirectoryOffset: number, versionMadeBy: number): Buffer {
  const b = Buffer.alloc(ZIP64_END_OF_CENTRAL_DIRECTORY_SIZE);
  b.writeUInt32LE(SIG_ZIP64_END_OF_CENTRAL_DIRECTORY, 0);
  b.writeBigUInt64LE(BigInt(ZIP64_END_OF_CENTRAL_DIRECTORY_SIZE - 12), 4);
  b.writeUInt16LE(versionMadeBy, 12);
  b.writeUInt16LE(VERSION_ZIP64, 14);
  b.writeUInt32LE(0, 16);
  b.writeUInt32LE(0, 20);
  b.writeBigUInt64LE(BigInt(entryCount), 24);
  b.writeBigUInt64LE(BigInt(entryCount), 32);
  b.writeBigUInt64LE(BigInt(centralDirectorySize), 40);
  b.writeBigUInt64LE(BigInt(centralDirectoryOffset), 48);
  return b;
}

export function encodeZip64EndOfCentralDirectoryLocator(zip64EndOffset: number): Buffer {
  const b = Buffer.alloc(ZIP64_END_OF_CENTRAL_DIRECTORY_LOCATOR_SIZE);
  b.writeUInt32LE(SIG_ZIP64_END_OF_CENTRAL_DIRECTORY_LOCATOR, 0);
  b.writeUInt32LE(0, 4);
  b.writeBigUInt64LE(BigInt(zip64EndOffset), 8);
  b.writeUInt32LE(1, 16);
  return b;
}
