import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createDeflateRaw, crc32 } from 'node:zlib';
import { ByteSink, drained } from './byte-sink';
import type { DeflatedEntrySummary } from './deflated-entry';
import { toDosDateTime, type DosDateTime } from './dos-time';
import {
  FLAG_DATA_DESCRIPTOR,
  FLAG_UTF8,
  METHOD_DEFLATE,
  METHOD_STORE,
  UINT16_MAX,
  UINT32_MAX,
  UNIX_REGULAR_FILE_0644,
  VERSION_DEFLATE,
  VERSION_MADE_BY_UNIX,
  VERSION_ZIP64,
} from './zip-constants';
import {
  centralDirectorySizes,
  encodeCentralDirectoryHeader,
  encodeDataDescriptor,
  encodeEndOfCentralDirectory,
  encodeLocalFileHeader,
  encodeZip64EndOfCentralDirectory,
  encodeZip64EndOfCentralDirectoryLocator,
} from './zip-records';

/** What the writer knows of an entry once its data is written. */
export interface WrittenZipEntry {
  readonly name: string;
  /** Uncompressed bytes. */
  readonly size: number;
  readonly compressedSize: number;
  readonly crc32: number;
  /** sha256 of the uncompressed bytes, lower-case hex. */
  readonly sha256: string;
}

export interface ZipStreamWriterOptions {
  /** Modification time written in every entry (determinism: the package's export timestamp). */
  readonly mtime: Date;
  /** zlib level 0-9 (default 6). */
  readonly compressionLevel?: number;
}

interface CentralRecord extends WrittenZipEntry {
  readonly nameBytes: Buffer;
  readonly method: number;
  readonly offset: number;
}

/**
 * A streaming ZIP writer: entries are written one after another as their data arrives (local
 * header, data, data descriptor), the central directory at the end. Nothing is buffered beyond a
 * compression window. Output bytes depend only on the entries' names, data, the mtime and the
 * compression level, so the same input gives the same ZIP. ZIP64 records are written exactly
 * when a size, an offset or the entry count needs them.
 */
export class ZipStreamWriter {
  private readonly sink: ByteSink;
  private readonly dosTime: DosDateTime;
  private readonly level: number;
  private readonly central: CentralRecord[] = [];
  private busy = false;
  private finished = false;

  constructor(output: Writable, options: ZipStreamWriterOptions) {
    this.sink = new ByteSink(output);
    this.dosTime = toDosDateTime(options.mtime);
    this.level = options.compressionLevel ?? 6;
  }

  /** Bytes written so far. */
  get offset(): number {
    return this.sink.offset;
  }

  /**
   * Writes one entry whose data comes from `data`, hashing (sha256, CRC-32) and counting the
   * uncompressed bytes on the way. Entries must be added one at a time.
   */
  async addEntry(name: string, data: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: { compress?: boolean } = {}): Promise<WrittenZipEntry> {
    if (this.busy) throw new Error('ZipStreamWriter: an entry is already being written');
    if (this.finished) throw new Error('ZipStreamWriter: the archive is already finished');
    this.busy = true;
    try {
      const nameBytes = Buffer.from(name, 'utf8');
      const method = options.compress === false ? METHOD_STORE : METHOD_DEFLATE;
      const offset = this.sink.offset;
      await this.sink.write(
        encodeLocalFileHeader({
          versionNeeded: VERSION_DEFLATE,
          flags: FLAG_DATA_DESCRIPTOR | FLAG_UTF8,
          method,
          ...this.dosTime,
          crc32: 0,
          compressedSize: 0,
          uncompressedSize: 0,
          name: nameBytes,
        }),
      );
      const body = method === METHOD_DEFLATE ? await this.writeDeflated(data) : await this.writeStored(data);
      const zip64 = body.size >= UINT32_MAX || body.compressedSize >= UINT32_MAX;
      await this.sink.write(encodeDataDescriptor(body.crc32, body.compressedSize, body.size, zip64));
      const entry: CentralRecord = { name, nameBytes, method, offset, ...body };
      this.central.push(entry);
      return { name, size: entry.size, compressedSize: entry.compressedSize, crc32: entry.crc32, sha256: entry.sha256 };
    } finally {
      this.busy = false;
    }
  }

  /**
   * Writes one entry whose data was compressed ahead of time (deflateEntry): the compressed bytes
   * are copied as they are, with the sizes, CRC-32 and sha256 of `summary`. Bytes that do not add
   * up to `summary.compressedSize` fail the entry.
   */
  async addDeflatedEntry(name: string, compressed: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, summary: DeflatedEntrySummary): Promise<WrittenZipEntry> {
    if (this.busy) throw new Error('ZipStreamWriter: an entry is already being written');
    if (this.finished) throw new Error('ZipStreamWriter: the archive is already finished');
    this.busy = true;
    try {
      const nameBytes = Buffer.from(name, 'utf8');
      const offset = this.sink.offset;
      await this.sink.write(
        encodeLocalFileHeader({
          versionNeeded: VERSION_DEFLATE,
          flags: FLAG_DATA_DESCRIPTOR | FLAG_UTF8,
          method: METHOD_DEFLATE,
          ...this.dosTime,
          crc32: 0,
          compressedSize: 0,
          uncompressedSize: 0,
          name: nameBytes,
        }),
      );
      let compressedSize = 0;
      for await (const chunk of compressed) {
        const buf = asBuffer(chunk);
        compressedSize += buf.length;
        await this.sink.write(buf);
      }
      if (compressedSize !== summary.compressedSize) {
        throw new Error(`ZipStreamWriter: ${name} delivered ${compressedSize} compressed bytes instead of ${summary.compressedSize}`);
      }
      const body = { size: summary.size, compressedSize, crc32: summary.crc32 >>> 0, sha256: summary.sha256 };
      const zip64 = body.size >= UINT32_MAX || body.compressedSize >= UINT32_MAX;
      await this.sink.write(encodeDataDescriptor(body.crc32, body.compressedSize, body.size, zip64));
      this.central.push({ name, nameBytes, method: METHOD_DEFLATE, offset, ...body });
      return { name, ...body };
    } finally {
      this.busy = false;
    }
  }

  /** Writes the central directory and the end records, then ends the output. */
  async finish(): Promise<{ size: number; entries: number }> {
    if (this.busy) throw new Error('ZipStreamWriter: an entry is still being written');
    if (this.finished) throw new Error('ZipStreamWriter: the archive is already finished');
    this.finished = true;
    const cdOffset = this.sink.offset;
    for (const e of this.central) {
      const sizes = centralDirectorySizes(e.size, e.compressedSize, e.offset);
      await this.sink.write(
        encodeCentralDirectoryHeader({
          versionMadeBy: VERSION_MADE_BY_UNIX,
          versionNeeded: sizes.zip64 ? VERSION_ZIP64 : VERSION_DEFLATE,
          flags: FLAG_DATA_DESCRIPTOR | FLAG_UTF8,
          method: e.method,
          ...this.dosTime,
          crc32: e.crc32,
          compressedSize: sizes.compressedSize,
          uncompressedSize: sizes.uncompressedSize,
          name: e.nameBytes,
          extra: sizes.extra,
          externalAttributes: (UNIX_REGULAR_FILE_0644 << 16) >>> 0,
          localHeaderOffset: sizes.localHeaderOffset,
        }),
      );
    }
    const cdSize = this.sink.offset - cdOffset;
    const count = this.central.length;
    const needsZip64 = count >= UINT16_MAX || cdSize >= UINT32_MAX || cdOffset >= UINT32_MAX;
    if (needsZip64) {
      const zip64EndOffset = this.sink.offset;
      await this.sink.write(encodeZip64EndOfCentralDirectory(count, cdSize, cdOffset, VERSION_MADE_BY_UNIX));
      await this.sink.write(encodeZip64EndOfCentralDirectoryLocator(zip64EndOffset));
    }
    await this.sink.write(
      encodeEndOfCentralDirectory({
        entryCount: needsZip64 ? UINT16_MAX : count,
        centralDirectorySize: needsZip64 ? UINT32_MAX : cdSize,
        centralDirectoryOffset: needsZip64 ? UINT32_MAX : cdOffset,
      }),
    );
    this.sink.end();
    return { size: this.sink.offset, entries: count };
  }

  private async writeStored(data: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<Omit<WrittenZipEntry, 'name'>> {
    const hash = createHash('sha256');
    let crc = 0;
    let size = 0;
    for await (const chunk of data) {
      const buf = asBuffer(chunk);
      hash.update(buf);
      crc = crc32(buf, crc);
      size += buf.length;
      await this.sink.write(buf);
    }
    return { size, compressedSize: size, crc32: crc >>> 0, sha256: hash.digest('hex') };
  }

  private async writeDeflated(data: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<Omit<WrittenZipEntry, 'name'>> {
    const hash = createHash('sha256');
    const deflate = createDeflateRaw({ level: this.level });
    let crc = 0;
    let size = 0;
    let compressedSize = 0;
    const pump = (async () => {
      for await (const chunk of deflate as AsyncIterable<Buffer>) {
        compressedSize += chunk.length;
        await this.sink.write(chunk);
      }
    })();
    // The pump's failure is surfaced below; never let it become an unhandled rejection meanwhile.
    pump.catch(() => undefined);
    try {
      for await (const chunk of data) {
        const buf = asBuffer(chunk);
        if (buf.length === 0) continue;
        hash.update(buf);
        crc = crc32(buf, crc);
        size += buf.length;
        if (!deflate.write(buf)) await Promise.race([drained(deflate), pump.then(() => never())]);
      }
      deflate.end();
      await pump;
    } catch (error) {
      deflate.destroy();
      await pump.catch(() => undefined);
      throw error;
    }
    if (!deflate.writableFinished) await once(deflate, 'finish');
    return { size, compressedSize, crc32: crc >>> 0, sha256: hash.digest('hex') };
  }
}

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function never(): Promise<never> {
  return new Promise(() => undefined);
}
