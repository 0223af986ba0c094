import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { createDeflateRaw, crc32 } from 'node:zlib';

/** What the ZIP writer needs to know of an entry's data compressed ahead of time. */
export interface DeflatedEntrySummary {
  /** Uncompressed bytes. */
  readonly size: number;
  readonly compressedSize: number;
  /** CRC-32 of the uncompressed bytes. */
  readonly crc32: number;
  /** sha256 of the uncompressed bytes, lower-case hex. */
  readonly sha256: string;
}

/** Entry data being compressed: iterate `chunks` (raw deflate); `summary()` once they are all read. */
export interface DeflatingEntry {
  readonly chunks: AsyncGenerator<Buffer>;
  summary(): DeflatedEntrySummary;
}

/**
 * Compresses an entry's data as ZipStreamWriter.addEntry would (raw deflate at `level`, CRC-32
 * and sha256 of the uncompressed bytes), so that the compressed bytes can be stored elsewhere
 * and later written into a package by addDeflatedEntry without being compressed again. The
 * same data and level give the same bytes as addEntry.
 */
export function deflateEntry(data: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, level = 6): DeflatingEntry {
  const hash = createHash('sha256');
  let crc = 0;
  let size = 0;
  let compressedSize = 0;
  let done = false;
  const counted = (async function* () {
    for await (const chunk of data) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (buf.length === 0) continue;
      hash.update(buf);
      crc = crc32(buf, crc);
      size += buf.length;
      yield buf;
    }
  })();
  const chunks = (async function* () {
    const source = Readable.from(counted, { objectMode: false });
    const deflate = createDeflateRaw({ level });
    source.on('error', (e) => deflate.destroy(e));
    source.pipe(deflate);
    try {
      for await (const out of deflate as AsyncIterable<Buffer>) {
        compressedSize += out.length;
        yield out;
      }
      done = true;
    } finally {
      source.destroy();
    }
  })();
  return {
    chunks,
    summary() {
      if (!done) throw new Error('deflateEntry: the summary is known once every chunk was read');
      return { size, compressedSize, crc32: crc >>> 0, sha256: hash.digest('hex') };
    },
  };
}
