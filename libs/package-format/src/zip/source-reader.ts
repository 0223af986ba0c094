import { PassThrough, Readable } from 'node:stream';
import * as yauzl from 'yauzl';
import type { PackageSource } from '../source/package-source';
import { PackageSourceError } from '../source/package-source-error';

/** Small reads (headers, the central directory) are served from blocks of this size. */
const BLOCK_SIZE = 64 * 1024;
const CACHED_BLOCKS = 4;

/**
 * yauzl's RandomAccessReader over a PackageSource. yauzl reads the central directory and local
 * headers with many small reads (two per entry); against S3 each would be a GET, so small reads
 * go through a little block cache: one ranged read per 64 KiB instead of one per header. Entry
 * data is streamed straight from the source.
 */
export class SourceReader extends yauzl.RandomAccessReader {
  private readonly blocks = new Map<number, Promise<Buffer>>();
  /** The last read that reached the end of the source (yauzl's search for the end record), kept for readTail. */
  private tail: { readonly start: number; readonly bytes: Buffer } | undefined;

  constructor(private readonly source: PackageSource) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const out = new PassThrough();
    let stream: Readable;
    try {
      const created = this.source.createReadStream(start, end);
      stream = created instanceof Readable ? created : new Readable().wrap(created);
    } catch (error) {
      process.nextTick(() => out.destroy(new PackageSourceError(this.source.describe(), error)));
      return out;
    }
    stream.on('error', (error) => out.destroy(error instanceof PackageSourceError ? error : new PackageSourceError(this.source.describe(), error)));
    out.on('close', () => {
      if (!stream.destroyed) stream.destroy();
    });
    return stream.pipe(out);
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
    if (length > BLOCK_SIZE) {
      readRange(this.source, position, position + length).then(
        (bytes) => {
          if (position + bytes.length === this.source.size) this.tail = { start: position, bytes };
          bytes.copy(buffer, offset);
          callback(null, bytes.length);
        },
        (error: Error) => callback(error),
      );
      return;
    }
    const first = Math.floor(position / BLOCK_SIZE);
    const last = Math.floor((position + length - 1) / BLOCK_SIZE);
    const wanted = [];
    for (let block = first; block <= last; block++) wanted.push(this.block(block));
    Promise.all(wanted).then(
      (blocks) => {
        const joined = blocks.length === 1 ? (blocks[0] as Buffer) : Buffer.concat(blocks);
        const from = position - first * BLOCK_SIZE;
        const copied = joined.copy(buffer, offset, from, Math.min(from + length, joined.length));
        callback(null, copied);
      },
      (error: Error) => callback(error),
    );
  }

  /** The last `length` bytes of the source (served from yauzl's own read of them when it made one). */
  async readTail(length: number): Promise<Buffer> {
    const start = Math.max(0, this.source.size - length);
    const tail = this.tail;
    if (tail !== undefined && tail.start <= start) return tail.bytes.subarray(start - tail.start);
    return this.readAt(start, this.source.size - start);
  }

  /** `length` bytes at `position`, through the block cache when small. */
  readAt(position: number, length: number): Promise<Buffer> {
    const out = Buffer.alloc(length);
    return new Promise((resolve, reject) => {
      this.read(out, 0, length, position, (error, bytesRead) => (error ? reject(error) : resolve(out.subarray(0, bytesRead ?? 0))));
    });
  }

  override close(callback: (err: Error | null) => void): void {
    this.blocks.clear();
    this.tail = undefined;
    const closing = this.source.close?.() ?? Promise.resolve();
    closing.then(
      () => callback(null),
      (error: Error) => callback(error),
    );
  }

  private block(index: number): Promise<Buffer> {
    let block = this.blocks.get(index);
    if (block === undefined) {
      const start = index * BLOCK_SIZE;
      block = readRange(this.source, start, Math.min(start + BLOCK_SIZE, this.source.size));
      block.catch(() => this.blocks.delete(index));
      this.blocks.set(index, block);
      if (this.blocks.size > CACHED_BLOCKS) this.blocks.delete(this.blocks.keys().next().value as number);
    }
    return block;
  }
}

/** Reads [start, end) of a source into one buffer (only used for small ranges). */
export async function readRange(source: PackageSource, start: number, end: number): Promise<Buffer> {
  if (end <= start) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of source.createReadStream(start, end) as AsyncIterable<Buffer | string>) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    }
  } catch (error) {
    throw error instanceof PackageSourceError ? error : new PackageSourceError(source.describe(), error);
  }
  return Buffer.concat(chunks);
}
