import { BloomFilter } from './bloom-filter';
import { mergeRuns, runHas, RunWriter, type Run } from './sorted-run';
import { SpillArea } from './spill-area';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface IdSetOptions {
  /** Where runs are spilled (one folder per validation). Default: a private area under os.tmpdir(), removed by close(). */
  readonly area?: SpillArea;
  /** IDs kept in memory before they are sorted and spilled as a run. Default 131,072 (~7 MB of heap). */
  readonly memoryKeys?: number;
  /** Characters of IDs kept in memory before a spill (long non-UUID IDs). Default 4 Mi. */
  readonly memoryChars?: number;
  /** Bytes of the Bloom filter created at the first spill (a power of two). Default 8 MiB, off-heap. */
  readonly bloomBytes?: number;
  /** Runs of one level merged into one of the next level. Default 8. */
  readonly fanIn?: number;
  /** Names the set's files (the entity). */
  readonly name?: string;
}

export const DEFAULT_ID_SET_MEMORY_KEYS = 131_072;
const DEFAULT_MEMORY_CHARS = 4 * 1024 * 1024;
const DEFAULT_BLOOM_BYTES = 8 * 1024 * 1024;
const DEFAULT_FAN_IN = 8;

/**
 * A set of record IDs whose JS heap does not grow with the number of IDs: the newest
 * `memoryKeys` IDs are in a Set, older ones in sorted runs on disk (SpillArea), found through a
 * fixed-size Bloom filter and, when it says "maybe", a sparse index and one block read per run.
 * Answers are exact (the filter only spares disk reads). A set that never reaches `memoryKeys`
 * never touches the disk.
 *
 * - `add` and `has` are synchronous (lookups are small reads). A spill is synchronous too (one
 *   sort and one write of `memoryKeys` IDs); merging runs is not: when `needsSettle` is true, the
 *   caller awaits `settle()` (it merges `fanIn` runs of a level into one of the next, so a set
 *   of n IDs has at most about (fanIn - 1) × log_fanIn(n / memoryKeys) runs).
 * - `seal()` once no more IDs come (the entity is read): the rest is spilled and every run merged
 *   into one, so later lookups (references from other entities) read one block.
 * - `close()` closes and deletes the runs.
 *
 * Keys: a lower-case UUID is `\0` + its 16 bytes as one-byte characters; any other ID (analytics
 * keys, malformed IDs of invalid records) is `\x01` + the ID: the two forms never collide.
 */
export class IdSet {
  private memory = new Set<string>();
  private memoryCharCount = 0;
  private runs: Run[] = [];
  private bloom: BloomFilter | undefined;
  private spilledCount = 0;
  private readonly area: SpillArea;
  private readonly ownsArea: boolean;
  private readonly memoryKeys: number;
  private readonly memoryChars: number;
  private readonly bloomBytes: number;
  private readonly fanIn: number;
  private readonly name: string;

  constructor(options: IdSetOptions = {}) {
    this.ownsArea = options.area === undefined;
    this.area = options.area ?? new SpillArea();
    this.memoryKeys = positive('memoryKeys', options.memoryKeys ?? DEFAULT_ID_SET_MEMORY_KEYS);
    this.memoryChars = positive('memoryChars', options.memoryChars ?? DEFAULT_MEMORY_CHARS);
    this.bloomBytes = options.bloomBytes ?? DEFAULT_BLOOM_BYTES;
    this.fanIn = positive('fanIn', options.fanIn ?? DEFAULT_FAN_IN);
    if (this.fanIn < 2) throw new RangeError('IdSet: fanIn must be at least 2');
    this.name = options.name ?? 'ids';
  }

  /** Adds `id`; false when it was already there. */
  add(id: string): boolean {
    const key = keyOf(id);
    if (this.memory.has(key) || this.inRuns(key)) return false;
    this.memory.add(key);
    this.memoryCharCount += key.length;
    this.bloom?.add(key);
    if (this.memory.size >= this.memoryKeys || this.memoryCharCount >= this.memoryChars) this.spill();
    return true;
  }

  has(id: string): boolean {
    const key = keyOf(id);
    return this.memory.has(key) || this.inRuns(key);
  }

  get size(): number {
    return this.memory.size + this.spilledCount;
  }

  /** Runs on disk (for tests and the benchmark). */
  get runCount(): number {
    return this.runs.length;
  }

  /** True when some level holds fanIn runs: await settle(). */
  get needsSettle(): boolean {
    return this.fullLevel() !== undefined;
  }

  /** Merges full levels (see the class comment). */
  async settle(): Promise<void> {
    for (let level = this.fullLevel(); level !== undefined; level = this.fullLevel()) {
      const merging = this.runs.filter((run) => run.level === level);
      await this.replace(merging, level + 1);
    }
  }

  /** No more IDs come: spills what is in memory (when anything was spilled before) and merges every run into one. */
  async seal(): Promise<void> {
    if (this.runs.length === 0) return;
    if (this.memory.size > 0) this.spill();
    if (this.runs.length > 1) await this.replace([...this.runs], Math.max(...this.runs.map((run) => run.level)) + 1);
  }

  /** Deletes the runs (and the area, when the set made its own). The set is empty afterwards. */
  close(): void {
    for (const run of this.runs) this.area.removeFile(run.path, run.fd);
    this.runs = [];
    this.memory = new Set();
    this.memoryCharCount = 0;
    this.spilledCount = 0;
    this.bloom = undefined;
    if (this.ownsArea) this.area.dispose();
  }

  private inRuns(key: string): boolean {
    if (this.runs.length === 0 || !(this.bloom as BloomFilter).mayHave(key)) return false;
    for (let i = this.runs.length - 1; i >= 0; i -= 1) if (runHas(this.runs[i] as Run, key)) return true;
    return false;
  }

  private spill(): void {
    if (this.bloom === undefined) {
      this.bloom = new BloomFilter(this.bloomBytes);
      for (const key of this.memory) this.bloom.add(key);
    }
    const keys = Array.from(this.memory).sort();
    this.memory = new Set();
    this.memoryCharCount = 0;
    const writer = new RunWriter(this.area, this.name, keys.length, 0);
    try {
      for (const key of keys) writer.put(key);
    } catch (error) {
      writer.abandon();
      throw error;
    }
    this.runs.push(writer.finish());
    this.spilledCount += keys.length;
  }

  private async replace(merging: Run[], level: number): Promise<void> {
    const merged = await mergeRuns(this.area, this.name, merging, level);
    this.runs = [...this.runs.filter((run) => !merging.includes(run)), merged];
    for (const run of merging) this.area.removeFile(run.path, run.fd);
  }

  private fullLevel(): number | undefined {
    if (this.runs.length < this.fanIn) return undefined;
    const perLevel = new Map<number, number>();
    for (const run of this.runs) perLevel.set(run.level, (perLevel.get(run.level) ?? 0) + 1);
    const full = [...perLevel].filter(([, count]) => count >= this.fanIn).map(([level]) => level);
    return full.length === 0 ? undefined : Math.min(...full);
  }
}

function keyOf(id: string): string {
  return UUID.test(id) ? `\u0000${Buffer.from(id.replace(/-/g, ''), 'hex').toString('latin1')}` : `\u0001${id}`;
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`IdSet: ${name} must be a positive integer, got ${value}`);
  return value;
}
