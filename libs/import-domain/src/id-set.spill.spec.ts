import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { BloomFilter } from './bloom-filter';
import { IdSet } from './id-set';
import { SpillArea } from './spill-area';

function uuid(n: number): string {
  const hex = createHash('sha1').update(`id:${n}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

describe('IdSet spilling to sorted runs', () => {
  let parent: string;
  let area: SpillArea;

  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'id-set-spec-'));
    area = new SpillArea(parent);
  });

  afterEach(() => {
    area.dispose();
    rmSync(parent, { recursive: true, force: true });
  });

  it('finds duplicates and members across many runs, levels and the final merge, exactly', async () => {
    const set = new IdSet({ area, memoryKeys: 7, fanIn: 3, name: 'transactions' });
    const ids = Array.from({ length: 1000 }, (_, i) => uuid(i));
    for (const [i, id] of ids.entries()) {
      expect(set.add(id)).toBe(true);
      if (set.needsSettle) await set.settle();
      // a duplicate of an ID spilled long ago, and of the newest one
      if (i > 100) expect(set.add(ids[i - 100] as string)).toBe(false);
      expect(set.add(id)).toBe(false);
    }
    expect(set.runCount).toBeGreaterThan(1);
    expect(set.runCount).toBeLessThan(20);
    expect(set.size).toBe(1000);
    for (const id of ids) expect(set.has(id)).toBe(true);
    for (let i = 1000; i < 1500; i += 1) expect(set.has(uuid(i))).toBe(false);

    await set.seal();
    expect(set.runCount).toBe(1);
    expect(set.size).toBe(1000);
    for (const id of ids) expect(set.has(id)).toBe(true);
    for (let i = 1000; i < 1500; i += 1) expect(set.has(uuid(i))).toBe(false);
    expect(set.add(ids[0] as string)).toBe(false);
  });

  it('stays exact when the Bloom filter says "maybe" to everything', async () => {
    const set = new IdSet({ area, memoryKeys: 5, bloomBytes: 1, fanIn: 4 });
    for (let i = 0; i < 200; i += 1) {
      expect(set.add(uuid(i))).toBe(true);
      if (set.needsSettle) await set.settle();
    }
    for (let i = 0; i < 400; i += 1) expect(set.has(uuid(i))).toBe(i < 200);
    for (let i = 0; i < 200; i += 1) expect(set.add(uuid(i))).toBe(false);
  });

  it('keeps other ID shapes apart from UUIDs, on disk as in memory: analytics keys, upper case, long, non-Latin and lone surrogates', async () => {
    const set = new IdSet({ area, memoryKeys: 3, fanIn: 2 });
    const u = '4fdbd757-53b4-4a58-a2d4-551c2419149a';
    const compact = Buffer.from(u.replace(/-/g, ''), 'hex').toString('latin1');
    const others = ['cash_flow#overall#ALL', u.toUpperCase(), compact, `\u0000${compact}`, 'x'.repeat(70_000), 'compte-é-€-😀', 'lone-\ud800-surrogate', '\udc00', '', ' '];
    expect(set.add(u)).toBe(true);
    for (const id of others) {
      expect(set.add(id)).toBe(true);
      if (set.needsSettle) await set.settle();
    }
    await set.seal();
    expect(set.runCount).toBe(1);
    expect(set.has(u)).toBe(true);
    for (const id of others) {
      expect(set.has(id)).toBe(true);
      expect(set.add(id)).toBe(false);
    }
    expect(set.has('lone-\ud801-surrogate')).toBe(false);
    expect(set.has('\udc01')).toBe(false);
    expect(set.has('x'.repeat(69_999))).toBe(false);
    expect(set.has(u.replace('4fdb', '4fdc'))).toBe(false);
    expect(set.size).toBe(others.length + 1);
  });

  it('spills long IDs by characters, not only by count', () => {
    const set = new IdSet({ area, memoryKeys: 1000, memoryChars: 100_000 });
    for (let i = 0; i < 5; i += 1) set.add(`${i}`.padEnd(40_000, '-'));
    expect(set.runCount).toBe(1); // the third reached 100,000 characters: three spilled, two in memory
    for (let i = 0; i < 5; i += 1) expect(set.has(`${i}`.padEnd(40_000, '-'))).toBe(true);
  });

  it('touches the disk only once it spills, and leaves nothing behind', async () => {
    const small = new IdSet({ area, memoryKeys: 100 });
    for (let i = 0; i < 99; i += 1) small.add(uuid(i));
    await small.seal();
    expect(area.path).toBeUndefined();
    expect(readdirSync(parent)).toEqual([]);

    const big = new IdSet({ area, memoryKeys: 10, fanIn: 2 });
    for (let i = 0; i < 100; i += 1) {
      big.add(uuid(i));
      if (big.needsSettle) await big.settle();
    }
    const folder = area.path as string;
    expect(readdirSync(parent)).toHaveLength(1);
    expect(readdirSync(folder).length).toBe(big.runCount);
    await big.seal();
    expect(readdirSync(folder)).toHaveLength(1);
    big.close();
    expect(readdirSync(folder)).toEqual([]);
    area.dispose();
    expect(readdirSync(parent)).toEqual([]);
    expect(() => area.createFile('late')).toThrow(/disposed/);
  });

  it('a set without an area makes its own under os.tmpdir() and removes it on close', () => {
    const set = new IdSet({ memoryKeys: 2 });
    for (let i = 0; i < 10; i += 1) set.add(uuid(i));
    expect(set.runCount).toBe(5);
    set.close();
    expect(set.size).toBe(0);
    expect(set.has(uuid(0))).toBe(false);
  });

  it('refuses options that cannot work', () => {
    expect(() => new IdSet({ memoryKeys: 0 })).toThrow(RangeError);
    expect(() => new IdSet({ fanIn: 1 })).toThrow(RangeError);
    expect(() => new BloomFilter(3)).toThrow(RangeError);
  });
});

describe('BloomFilter', () => {
  it('never forgets a key and rarely claims one it never saw', () => {
    const bloom = new BloomFilter(64 * 1024);
    for (let i = 0; i < 20_000; i += 1) bloom.add(uuid(i));
    for (let i = 0; i < 20_000; i += 1) expect(bloom.mayHave(uuid(i))).toBe(true);
    let falsePositives = 0;
    for (let i = 20_000; i < 40_000; i += 1) if (bloom.mayHave(uuid(i))) falsePositives += 1;
    expect(falsePositives).toBeLessThan(200); // 26 bits per key, 7 probes: well under 1%
  });
});
