import { readSync, writeSync } from 'node:fs';
import type { SpillArea } from './spill-area';

/**
 * A sorted run: keys (see IdSet's key form) in ascending UTF-16 order, written once to a file of
 * the SpillArea, then read back by point lookups and sequential merges.
 *
 * On disk, each key is either `0x00` + 16 bytes (a UUID's key: its 17 one-byte characters) or
 * `0x01` + u32le byte length + UTF-16LE of the rest (any other ID, lone surrogates included).
 * In memory the run keeps a sparse index: the first key and file offset of every block of
 * `blockKeys` keys, at most MAX_INDEX_ENTRIES of them whatever the run's size (larger runs have
 * larger blocks), so a lookup is one binary search in memory and one read of one block.
 */
export interface Run {
  readonly path: string;
  readonly fd: number;
  readonly count: number;
  readonly bytes: number;
  readonly level: number;
  readonly firstKeys: readonly string[];
  /** Offsets of the blocks, plus the end of the file. */
  readonly offsets: readonly number[];
  readonly lastKey: string;
}

/** At most this many index entries per run (~4096 × ~60 bytes of heap). */
export const MAX_INDEX_ENTRIES = 4096;
const MIN_BLOCK_KEYS = 64;
const WRITE_CHUNK = 1024 * 1024;
const READ_CHUNK = 128 * 1024;

/** One reusable buffer for point lookups (they are synchronous: never shared by two at once). */
let scratch = Buffer.alloc(64 * 1024);

export function encodedLength(key: string): number {
  return key.charCodeAt(0) === 0 ? 17 : 5 + (key.length - 1) * 2;
}

/** Writes keys given in ascending order; `expectedCount` sizes the blocks of the index. */
export class RunWriter {
  private chunk = Buffer.allocUnsafe(WRITE_CHUNK);
  private pos = 0;
  private flushed = 0;
  private count = 0;
  private lastKey = '';
  private readonly firstKeys: string[] = [];
  private readonly offsets: number[] = [];
  private readonly blockKeys: number;
  private readonly path: string;
  private readonly fd: number;

  constructor(private readonly area: SpillArea, prefix: string, expectedCount: number, private readonly level: number) {
    this.blockKeys = Math.max(MIN_BLOCK_KEYS, Math.ceil(expectedCount / MAX_INDEX_ENTRIES));
    ({ path: this.path, fd: this.fd } = area.createFile(prefix));
  }

  put(key: string): void {
    const size = encodedLength(key);
    if (this.pos + size > this.chunk.length) {
      this.flush();
      if (size > this.chunk.length) this.chunk = Buffer.allocUnsafe(size);
    }
    if (this.count % this.blockKeys === 0) {
      this.firstKeys.push(key);
      this.offsets.push(this.flushed + this.pos);
    }
    encodeKey(this.chunk, this.pos, key);
    this.pos += size;
    this.count += 1;
    this.lastKey = key;
  }

  finish(): Run {
    this.flush();
    this.offsets.push(this.flushed);
    return { path: this.path, fd: this.fd, count: this.count, bytes: this.flushed, level: this.level, firstKeys: this.firstKeys, offsets: this.offsets, lastKey: this.lastKey };
  }

  /** Gives up the run (a failed merge): its file is removed. */
  abandon(): void {
    this.area.removeFile(this.path, this.fd);
  }

  private flush(): void {
    let done = 0;
    while (done < this.pos) done += writeSync(this.fd, this.chunk, done, this.pos - done, this.flushed + done);
    this.flushed += this.pos;
    this.pos = 0;
  }
}

/** Whether the run holds `key`: one binary search over the index, one read of one block. */
export function runHas(run: Run, key: string): boolean {
  if (run.count === 0 || key < (run.firstKeys[0] as string) || key > run.lastKey) return false;
  let lo = 0;
  let hi = run.firstKeys.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((run.firstKeys[mid] as string) <= key) lo = mid;
    else hi = mid - 1;
  }
  const start = run.offsets[lo] as number;
  const length = (run.offsets[lo + 1] as number) - start;
  if (scratch.length < length) scratch = Buffer.alloc(Math.max(length, scratch.length * 2));
  readFully(run.fd, scratch, length, start);
  for (let pos = 0; pos < length; ) {
    const [found, next] = decodeKey(scratch, pos);
    if (found === key) return true;
    if (found > key) return false;
    pos = next;
  }
  return false;
}

/** Reads a run from its start, one key at a time, through a small buffer. */
export class RunCursor {
  private buf = Buffer.allocUnsafe(READ_CHUNK);
  private pos = 0;
  private end = 0;
  private fileOffset = 0;

  constructor(private readonly run: Run) {}

  /** The next key, or undefined at the end. */
  next(): string | undefined {
    if (!this.fill(1)) return undefined;
    const tag = this.buf[this.pos];
    const length = tag === 0 ? 17 : this.fill(5) ? 5 + this.buf.readUInt32LE(this.pos + 1) : 5;
    if (!this.fill(length)) throw new Error(`sorted run ${this.run.path} is cut short`);
    const [key, next] = decodeKey(this.buf, this.pos);
    this.pos = next;
    return key;
  }

  /** Makes `need` bytes available from pos; false when the file ends first. */
  private fill(need: number): boolean {
    if (this.end - this.pos >= need) return true;
    if (this.pos > 0) {
      this.buf.copy(this.buf, 0, this.pos, this.end);
      this.end -= this.pos;
      this.pos = 0;
    }
    if (need > this.buf.length) {
      const bigger = Buffer.allocUnsafe(need);
      this.buf.copy(bigger, 0, 0, this.end);
      this.buf = bigger;
    }
    while (this.end < need && this.fileOffset < this.run.bytes) {
      const n = readSync(this.run.fd, this.buf, this.end, Math.min(this.buf.length - this.end, this.run.bytes - this.fileOffset), this.fileOffset);
      if (n === 0) break;
      this.end += n;
      this.fileOffset += n;
    }
    return this.end - this.pos >= need;
  }
}

/**
 * Merges runs (each ascending, no key in two of them) into one new run of `level`. Asynchronous
 * only to give the event loop a turn every few thousand keys: the reads and writes are
 * synchronous and small. The merged runs' files are left to the caller.
 */
export async function mergeRuns(area: SpillArea, prefix: string, runs: readonly Run[], level: number): Promise<Run> {
  const cursors = runs.map((run) => new RunCursor(run));
  const heads = cursors.map((cursor) => cursor.next());
  const writer = new RunWriter(area, prefix, runs.reduce((n, run) => n + run.count, 0), level);
  try {
    for (let written = 1; ; written += 1) {
      let min = -1;
      for (let i = 0; i < heads.length; i += 1) {
        const head = heads[i];
        if (head !== undefined && (min < 0 || head < (heads[min] as string))) min = i;
      }
      if (min < 0) break;
      const key = heads[min] as string;
      writer.put(key);
      heads[min] = (cursors[min] as RunCursor).next();
      if (written % 32_768 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    writer.abandon();
    throw error;
  }
  return writer.finish();
}

function encodeKey(buf: Buffer, pos: number, key: string): void {
  if (key.charCodeAt(0) === 0) {
    buf.write(key, pos, 17, 'latin1');
    return;
  }
  buf[pos] = 1;
  buf.writeUInt32LE((key.length - 1) * 2, pos + 1);
  for (let i = 1; i < key.length; i += 1) buf.writeUInt16LE(key.charCodeAt(i), pos + 5 + (i - 1) * 2);
}

function decodeKey(buf: Buffer, pos: number): [string, number] {
  if (buf[pos] === 0) return [buf.toString('latin1', pos, pos + 17), pos + 17];
  const bytes = buf.readUInt32LE(pos + 1);
  const start = pos + 5;
  let key = '\u0001';
  // String.fromCharCode keeps lone surrogates exactly (a utf16le decode may not on every version)
  for (let i = start; i < start + bytes; i += 2 * 4096) {
    const codes: number[] = [];
    for (let j = i; j < Math.min(start + bytes, i + 2 * 4096); j += 2) codes.push(buf.readUInt16LE(j));
    key += String.fromCharCode(...codes);
  }
  return [key, start + bytes];
}

function readFully(fd: number, buf: Buffer, length: number, position: number): void {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, position + done);
    if (n === 0) throw new Error('sorted run: unexpected end of file');
    done += n;
  }
}
