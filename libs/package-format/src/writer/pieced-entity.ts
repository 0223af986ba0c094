import { createHash } from 'node:crypto';
import { finished } from 'node:stream/promises';
import { promisify } from 'node:util';
import { constants, crc32, createInflateRaw, deflateRaw, deflateRawSync } from 'node:zlib';
import type { DeflatedEntrySummary } from '../zip/deflated-entry';
import { entityFileHead, entityFileTail, RECORD_SEPARATOR } from './entity-file-encoder';
import type { DeflatedEntityData } from './package-writer';

/**
 * An entity file put together from pieces compressed apart.
 *
 * A piece is a run of consecutive records' text, joined as the entity file joins them, with no
 * separator before its first record, compressed on its own as raw deflate that ends with a sync
 * flush: the block sequence is not final and ends on a byte boundary, and refers to nothing
 * before it. Such runs concatenate into one valid deflate stream. Pieces can therefore be made
 * in parallel (the export compresses each range of dates on its own) and still form the one
 * entry the package holds: the frame (the file's opening, a separator between pieces, its
 * closing, the last one final) is compressed the same way here.
 *
 * The entry's CRC-32 and sha256 are over its whole text in order, which no piece knows: they
 * are learnt by inflating the bytes as they are copied into the package (a fraction of the cost
 * of compressing them).
 */

const deflateRawAsync = promisify(deflateRaw);

/** A run of records' text, about this many bytes, makes one piece. */
export const PIECE_TEXT_BYTES = 1024 * 1024;

/** One run of records: its text (UTF-8), and how many records it holds. */
export interface RecordRun {
  readonly text: Buffer;
  readonly records: number;
}

/**
 * Cuts records, given in batches (pages of a query), into runs of about `maxBytes` of text each
 * (whole records; the last run may be shorter), every record encoded by `encode` and joined with
 * the entity file's separator. Memory holds one run.
 */
export async function* recordRuns<T>(
  batches: AsyncIterable<readonly T[]> | Iterable<readonly T[]>, encode: (record: T) => string, maxBytes = PIECE_TEXT_BYTES,
): AsyncGenerator<RecordRun> {
  let text = '';
  let n = 0;
  for await (const batch of batches) {
    for (const record of batch) {
      text += (n === 0 ? '' : RECORD_SEPARATOR) + encode(record);
      n += 1;
      // UTF-16 units: at most the UTF-8 bytes of the text, so a run is at most about maxBytes * 3
      if (text.length >= maxBytes) {
        yield { text: Buffer.from(text, 'utf8'), records: n };
        text = '';
        n = 0;
      }
    }
  }
  if (n > 0) yield { text: Buffer.from(text, 'utf8'), records: n };
}

/** A run's text compressed as a piece (raw deflate ending in a sync flush), on the thread pool. */
export function deflatePiece(text: Buffer, level = 6): Promise<Buffer> {
  return deflateRawAsync(text, { level, finishFlush: constants.Z_SYNC_FLUSH });
}

/** The text size of an entity file made of `records` records in `pieces` pieces holding `pieceBytes` of text together. */
export function piecedEntitySize(entity: string, records: number, pieces: number, pieceBytes: number): number {
  const frame = Buffer.byteLength(entityFileHead(entity, records)) + Buffer.byteLength(entityFileTail(records));
  return frame + pieceBytes + Math.max(0, pieces - 1) * Buffer.byteLength(RECORD_SEPARATOR);
}

/** One stored piece, as piecedEntityData reads it. */
export interface EntityPiece {
  /** Its compressed bytes. */
  readonly compressedBytes: number;
  /** Its bytes, whole (a piece is small); a piece that cannot be read, or is not what was stored, rejects. */
  read(): Promise<Uint8Array>;
}

export interface PiecedEntityOptions {
  /** The entity file's size in bytes, as its producer counted it: an entry that inflates to another size fails. */
  readonly expectedSize?: number;
  /** Pieces read while earlier ones are copied (default 4). */
  readonly readAhead?: number;
  /** zlib level of the frame (default 6). */
  readonly level?: number;
}

/**
 * `data/<entity>.json` of `records` records from its pieces in order (every piece non-empty), as
 * the package writer takes it (writeDeflatedRecords). Pieces are read a few ahead; the summary
 * is known once every byte was copied, and the bytes are checked to inflate to one whole
 * deflate stream of the expected size.
 */
export function piecedEntityData(entity: string, records: number, pieces: readonly EntityPiece[], options: PiecedEntityOptions = {}): DeflatedEntityData {
  const level = options.level ?? 6;
  const readAhead = Math.max(1, options.readAhead ?? 4);
  if ((records === 0) !== (pieces.length === 0)) throw new Error(`${entity}: ${records} records in ${pieces.length} pieces`);
  const head = deflateRawSync(Buffer.from(entityFileHead(entity, records)), { level, finishFlush: constants.Z_SYNC_FLUSH });
  const separator = deflateRawSync(Buffer.from(RECORD_SEPARATOR), { level, finishFlush: constants.Z_SYNC_FLUSH });
  const tail = deflateRawSync(Buffer.from(entityFileTail(records)), { level });
  const compressedSize = head.length + tail.length + Math.max(0, pieces.length - 1) * separator.length + pieces.reduce((a, p) => a + p.compressedBytes, 0);
  let digest: DeflatedEntrySummary | undefined;

  async function* framed(): AsyncGenerator<Uint8Array> {
    yield head;
    const ahead: Promise<Uint8Array>[] = [];
    let next = 0;
    for (let i = 0; i < pieces.length; i++) {
      while (ahead.length < readAhead && next < pieces.length) {
        const reading = pieces[next++]!.read();
        reading.catch(() => undefined);
        ahead.push(reading);
      }
      const bytes = await ahead.shift()!;
      if (bytes.length !== pieces[i]!.compressedBytes) throw new Error(`${entity}: piece ${i} has ${bytes.length} bytes, not ${pieces[i]!.compressedBytes}`);
      if (i > 0) yield separator;
      yield bytes;
    }
    yield tail;
  }

  return {
    records,
    async *open() {
      // large output chunks: the hashes run per chunk on the main thread
      const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
      const hash = createHash('sha256');
      let crc = 0;
      let size = 0;
      inflate.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        crc = crc32(chunk, crc);
        size += chunk.length;
      });
      const done = finished(inflate).catch((e: unknown) => {
        throw new Error(`${entity}: the pieces do not make one entry: ${(e as Error).message}`);
      });
      done.catch(() => undefined);
      let copied = 0;
      try {
        for await (const chunk of framed()) {
          copied += chunk.length;
          yield chunk;
          if (!inflate.write(chunk)) await Promise.race([new Promise((r) => inflate.once('drain', r)), done]);
        }
        inflate.end();
        await done;
      } finally {
        inflate.destroy();
      }
      if (options.expectedSize !== undefined && size !== options.expectedSize) {
        throw new Error(`${entity}: the pieces inflate to ${size} bytes, not the ${options.expectedSize} staged`);
      }
      digest = { size, compressedSize: copied, crc32: crc >>> 0, sha256: hash.digest('hex') };
    },
    summary() {
      if (!digest) throw new Error(`${entity}: the summary of a pieced entry is known once every byte was copied`);
      if (digest.compressedSize !== compressedSize) throw new Error(`${entity}: ${digest.compressedSize} compressed bytes copied, not ${compressedSize}`);
      return digest;
    },
  };
}
