import { Readable } from 'node:stream';

/**
 * Random access to the bytes of a package: a local file, an S3 object read with ranged GETs, a
 * buffer. The reader needs the size (to find the ZIP's central directory at the end) and byte
 * ranges; it asks for small ranges (headers) and whole entries' compressed data.
 *
 * Deliver entry data in small chunks (about 8 KiB) and do not read far ahead: each compressed
 * chunk stays alive while its inflated content (about 8 times larger) is parsed, and a chunk
 * that outlives two young-generation GCs is only freed by a full GC, after up to 64 MB of such
 * garbage has piled up. With 8 KiB chunks verifying 1M transactions peaks near 90 MiB RSS, with
 * 16 KiB near 120 MiB, with 64 KiB near 150 MiB (docs/benchmarks.md).
 */
export interface PackageSource {
  /** Total bytes. */
  readonly size: number;
  /** A stream of the bytes [start, endExclusive). Must support destroy() to abort a read. */
  createReadStream(start: number, endExclusive: number): NodeJS.ReadableStream | Readable;
  /** Human description for messages ("/tmp/x.zip", "s3://bucket/key"). */
  describe(): string;
  /** Releases resources (file handles); called once when the reader is closed. Optional. */
  close?(): Promise<void>;
}

/** A package held in memory (tests, small fixtures). */
export function bufferSource(bytes: Buffer, description = 'in-memory package'): PackageSource {
  return {
    size: bytes.length,
    createReadStream: (start, endExclusive) => Readable.from([bytes.subarray(start, endExclusive)], { objectMode: false }),
    describe: () => description,
  };
}
