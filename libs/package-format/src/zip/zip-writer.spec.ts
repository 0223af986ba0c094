import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import * as yauzl from 'yauzl';
import { toDosDateTime } from './dos-time';
import { centralDirectorySizes, encodeDataDescriptor } from './zip-records';
import { ZipStreamWriter } from './zip-writer';

async function zipOf(entries: [string, Buffer[], boolean?][], mtime = new Date('2024-01-15T10:30:00Z')): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const writer = new ZipStreamWriter(out, { mtime });
  for (const [name, data, compress] of entries) await writer.addEntry(name, data, { compress: compress ?? true });
  await writer.finish();
  return Buffer.concat(chunks);
}

async function unzip(zip: Buffer): Promise<Map<string, { data: Buffer; entry: yauzl.Entry }>> {
  const zipfile = await yauzl.fromBufferPromise(zip, { lazyEntries: true });
  const out = new Map<string, { data: Buffer; entry: yauzl.Entry }>();
  for await (const entry of zipfile.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zipfile.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    out.set(entry.fileName, { data: Buffer.concat(chunks), entry });
  }
  return out;
}

describe('ZipStreamWriter', () => {
  it('writes entries any ZIP reader opens: deflated, stored, empty, UTF-8 names, fixed mtime and mode', async () => {
    const big = Buffer.alloc(200_000, 'x');
    const zip = await zipOf([
      ['data/a.json', [Buffer.from('{"a":'), Buffer.from('[1]}')]],
      ['files/été ☃.qif', [], false],
      ['big.bin', [big.subarray(0, 1), big.subarray(1)]],
      ['stored.bin', [Buffer.from([0, 1, 2, 255])], false],
    ]);
    const entries = await unzip(zip);
    expect([...entries.keys()]).toEqual(['data/a.json', 'files/été ☃.qif', 'big.bin', 'stored.bin']);
    expect(entries.get('data/a.json')?.data.toString()).toBe('{"a":[1]}');
    expect(entries.get('files/été ☃.qif')?.data.length).toBe(0);
    expect(entries.get('big.bin')?.data.equals(big)).toBe(true);
    expect(entries.get('big.bin')?.entry.compressedSize).toBeLessThan(2000);
    expect(entries.get('stored.bin')?.entry.compressionMethod).toBe(0);
    const entry = entries.get('data/a.json')?.entry as yauzl.Entry;
    expect(entry.getLastModDate({ timezone: 'UTC' }).toISOString()).toBe('2024-01-15T10:30:00.000Z');
    expect(entry.externalFileAttributes >>> 16).toBe(0o100644);
    expect(entry.generalPurposeBitFlag & 0x808).toBe(0x808);
  });

  it('reports size, compressed size, CRC-32 and sha256 of each entry', async () => {
    const out = new PassThrough();
    out.resume();
    const writer = new ZipStreamWriter(out, { mtime: new Date(0) });
    const written = await writer.addEntry('x', [Buffer.from('hello')]);
    expect(written).toEqual({
      name: 'x',
      size: 5,
      compressedSize: expect.any(Number),
      crc32: 0x3610a686,
      sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
    });
  });

  it('is deterministic', async () => {
    const make = (): Promise<Buffer> => zipOf([['a', [Buffer.from('same')]], ['b', [Buffer.from('bytes')]]]);
    expect((await make()).equals(await make())).toBe(true);
  });

  it('writes ZIP64 end records when the entry count needs them (65,535 entries)', async () => {
    const entries: [string, Buffer[], boolean][] = Array.from({ length: 65_535 }, (_, i) => [`e${i}`, [], false]);
    const zip = await zipOf(entries);
    expect(zip.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true);
    const zipfile = await yauzl.fromBufferPromise(zip, { lazyEntries: true });
    expect(zipfile.entryCount).toBe(65_535);
  }, 30_000);

  it('uses ZIP64 fields for sizes and offsets of 4 GiB and more', () => {
    expect(centralDirectorySizes(10, 5, 100).zip64).toBe(false);
    const sizes = centralDirectorySizes(5 * 2 ** 30, 4 * 2 ** 30, 100);
    expect(sizes).toMatchObject({ uncompressedSize: 0xffffffff, compressedSize: 0xffffffff, localHeaderOffset: 100, zip64: true });
    expect(sizes.extra.readUInt16LE(0)).toBe(1);
    expect(sizes.extra.readBigUInt64LE(4)).toBe(BigInt(5 * 2 ** 30));
    expect(sizes.extra.readBigUInt64LE(12)).toBe(BigInt(4 * 2 ** 30));
    expect(encodeDataDescriptor(1, 2, 3, true)).toHaveLength(24);
    expect(encodeDataDescriptor(1, 2, 3, false)).toHaveLength(16);
  });

  it('refuses concurrent entries and writes after finish', async () => {
    const out = new PassThrough();
    out.resume();
    const writer = new ZipStreamWriter(out, { mtime: new Date(0) });
    const slow = (async function* () {
      await new Promise((resolve) => setTimeout(resolve, 10));
      yield Buffer.from('x');
    })();
    const first = writer.addEntry('a', slow);
    await expect(writer.addEntry('b', [])).rejects.toThrow(/already being written/);
    await first;
    await writer.finish();
    await expect(writer.addEntry('c', [])).rejects.toThrow(/already finished/);
  });

  it('fails instead of hanging when the consumer goes away', async () => {
    const out = new PassThrough({ highWaterMark: 16 });
    const writer = new ZipStreamWriter(out, { mtime: new Date(0) });
    setTimeout(() => out.destroy(), 20);
    const endless = (async function* () {
      for (;;) yield Buffer.from(Math.random().toString(36).repeat(100));
    })();
    await expect(writer.addEntry('a', endless)).rejects.toThrow();
  });

  it('produces ZIPs that Python zipfile tests clean (another implementation)', async () => {
    let python = true;
    try {
      execFileSync('python3', ['--version'], { stdio: 'ignore' });
    } catch {
      python = false;
    }
    if (!python) return;
    const dir = mkdtempSync(join(tmpdir(), 'zipwriter-'));
    try {
      const path = join(dir, 'a.zip');
      writeFileSync(path, await zipOf([['data/a.json', [Buffer.from('{}')]], ['files/été.csv', [Buffer.alloc(70_000, 'y')], false]]));
      const out = execFileSync('python3', ['-c', 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(z.testzip(), [i.filename for i in z.infolist()])', path], { encoding: 'utf8' });
      expect(out.trim()).toBe("None ['data/a.json', 'files/été.csv']");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('toDosDateTime', () => {
  it('encodes in UTC with 2-second precision and clamps the range', () => {
    expect(toDosDateTime(new Date('2024-01-15T10:30:01Z'))).toEqual({ date: ((2024 - 1980) << 9) | (1 << 5) | 15, time: (10 << 11) | (30 << 5) | 0 });
    expect(toDosDateTime(new Date('1970-01-01T00:00:00Z'))).toEqual({ date: (1 << 5) | 1, time: 0 });
    expect(toDosDateTime(new Date('2200-01-01T00:00:00Z')).date).toBe((127 << 9) | (12 << 5) | 31);
  });
});
