import { createHash } from 'node:crypto';

/**
 * A small, fast, deterministic pseudo-random generator (sfc32, from PractRand) seeded from a
 * SHA-256 of a key path: `randomFor('seed', 'file', 3)` gives the same sequence on every run and
 * machine, independent of every other path. Not for cryptography.
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: Uint8Array) {
    const view = new DataView(seed.buffer, seed.byteOffset, 16);
    this.a = view.getUint32(0);
    this.b = view.getUint32(4);
    this.c = view.getUint32(8);
    this.d = view.getUint32(12);
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of `items`, each drawn in proportion to its weight. */
  weighted<T extends { readonly weight: number }>(items: readonly T[]): T {
    const total = items.reduce((sum, item) => sum + item.weight, 0);
    let target = this.next() * total;
    for (const item of items) {
      target -= item.weight;
      if (target < 0) return item;
    }
    return items[items.length - 1];
  }

  /** Fills `target` with random bytes (4 per draw). */
  fill(target: Uint8Array): Uint8Array {
    const view = new DataView(target.buffer, target.byteOffset, target.byteLength);
    let offset = 0;
    for (; offset + 4 <= target.byteLength; offset += 4) view.setUint32(offset, this.uint32());
    for (; offset < target.byteLength; offset++) target[offset] = this.uint32() & 0xff;
    return target;
  }
}

/** SHA-256 of the key path, `|`-joined. */
export function digestOf(...path: readonly (string | number)[]): Buffer {
  return createHash('sha256').update(path.join('|'), 'utf8').digest();
}

/** The generator for one key path. */
export function randomFor(...path: readonly (string | number)[]): SeededRandom {
  return new SeededRandom(digestOf(...path));
}
