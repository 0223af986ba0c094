import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { readEntityRecords } from '../src/json/entity-records';
import { DEFAULT_PACKAGE_LIMITS, resolveLimits } from '../src/limits';
import { verifyPackage } from '../src/reader/verify-package';
import { bufferSource, type PackageSource } from '../src/source/package-source';
import {
  amplificationPackage,
  archiveCommentBombPackage,
  centralDirectoryBombPackage,
  designPackage,
  entryCommentBombPackage,
  extraFieldBombPackage,
  recordSizeBombPackage,
} from '../src/testing/resource-bombs';
import { EntryGuard } from '../src/zip/entry-guard';
import { ExpansionBudget } from '../src/zip/expansion-budget';

const MiB = 1024 * 1024;

/** A source that counts the bytes read from it. */
function counted(bytes: Buffer, name: string): { source: PackageSource; read: () => number } {
  let read = 0;
  const inner = bufferSource(bytes, name);
  return {
    source: {
      ...inner,
      createReadStream: (start, end) => {
        read += Math.max(0, Math.min(end, bytes.length) - start);
        return inner.createReadStream(start, end);
      },
    },
    read: () => read,
  };
}

/** Verifies `bytes` and returns the first problem, the bytes read, the time taken and the heap growth. */
async function refusal(bytes: Buffer, limits = {}) {
  const { source, read } = counted(bytes, 'bomb.zip');
  const heapBefore = process.memoryUsage().heapUsed;
  const started = Date.now();
  const report = await verifyPackage(source, { limits });
  return { ok: report.ok, first: report.problems[0], codes: report.problems.map((p) => p.code), read: read(), ms: Date.now() - started, heapGrowth: process.memoryUsage().heapUsed - heapBefore };
}

/** An entity file streamed from a generator: `{"transactions":[{"k0":"<chunk>",...` for `total` bytes, counting what was pulled. */
function endlessRecord(total: number, stringBytes: number) {
  let pulled = 0;
  async function* chunks(): AsyncGenerator<Buffer> {
    yield Buffer.from('{"transactions":[{');
    for (let i = 0; pulled < total; i++) {
      const text = Buffer.from(`${i === 0 ? '' : ','}"k${i}":"${'a'.repeat(stringBytes)}"`);
      pulled += text.length;
      yield text;
    }
    yield Buffer.from('}]}');
  }
  return { chunks, pulled: () => pulled };
}

describe('per-record byte budget (maxRecordBytes)', () => {
  it('defaults to 1 MiB', () => {
    expect(DEFAULT_PACKAGE_LIMITS.maxRecordBytes).toBe(MiB);
  });

  it('refuses a record as soon as it passes the budget: a 64 MB record of 512 KiB strings is never assembled', async () => {
    const record = endlessRecord(64 * MiB, 512 * 1024);
    const heapBefore = process.memoryUsage().heapUsed;
    const reading = (async () => {
      for await (const _ of readEntityRecords(record.chunks(), 'data/transactions.json', 'transactions', resolveLimits())) void _;
    })();
    await expect(reading).rejects.toMatchObject({ code: 'LIMIT_RECORD_SIZE', message: expect.stringMatching(/data\/transactions\.json, record 1: the record is larger than 1048576 bytes \(maxRecordBytes\)/) });
    expect(record.pulled()).toBeLessThan(2 * MiB);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(32 * MiB);
  });

  it('counts the record as its compact JSON text in UTF-8 bytes: exactly the budget passes, one byte more is refused', async () => {
    const record = { id: 'é€😀', n: 12.5, list: [true, false, null, { a: [] }], s: '' };
    const size = Buffer.byteLength(JSON.stringify(record));
    const read = async (maxRecordBytes: number) => {
      const out = [];
      for await (const r of readEntityRecords(Readable.from([Buffer.from(JSON.stringify({ transactions: [record, record] }, null, 2))]), 'data/transactions.json', 'transactions', resolveLimits({ maxRecordBytes }))) out.push(r);
      return out.length;
    };
    expect(await read(size)).toBe(2);
    await expect(read(size - 1)).rejects.toMatchObject({ code: 'LIMIT_RECORD_SIZE', details: { limit: size - 1 } });
  });

  it('counts multi-byte characters by their UTF-8 bytes', async () => {
    const text = `{"transactions":[{"d":"${'€'.repeat(400_000)}"}]}`; // 400,000 characters, 1.2 MB
    const reading = (async () => {
      for await (const _ of readEntityRecords(Readable.from([Buffer.from(text)]), 'data/transactions.json', 'transactions', resolveLimits())) void _;
    })();
    await expect(reading).rejects.toMatchObject({ code: 'LIMIT_RECORD_SIZE' });
  });

  it('a package holding a 1.2 MB record is refused with LIMIT_RECORD_SIZE, quickly and in little memory', async () => {
    const r = await refusal(recordSizeBombPackage());
    expect(r.ok).toBe(false);
    expect(r.first).toMatchObject({ code: 'LIMIT_RECORD_SIZE', entry: 'data/transactions.json' });
    expect(r.heapGrowth).toBeLessThan(32 * MiB);
    expect(r.ms).toBeLessThan(5000);
  });
});

describe('central directory caps, before listing', () => {
  it('refuses an end record declaring a 2 GiB central directory without reading it', async () => {
    const bytes = centralDirectoryBombPackage();
    expect(bytes.length).toBeLessThan(8192);
    const r = await refusal(bytes);
    expect(r.first).toMatchObject({ code: 'LIMIT_CENTRAL_DIRECTORY_SIZE', message: expect.stringMatching(/declares a central directory of 2147483648 bytes, more than the limit of 67108864 \(maxCentralDirectoryBytes\)/) });
    expect(r.read).toBeLessThan(bytes.length + 1024);
    expect(r.heapGrowth).toBeLessThan(32 * MiB);
  });

  it('bounds the listing itself: a central directory larger than its end record says stops at the cap', async () => {
    const bytes = designPackage({}, {}, (entries) => entries, { declaredCentralDirectorySize: 100 });
    const r = await refusal(bytes, { maxCentralDirectoryBytes: 300 });
    expect(r.first).toMatchObject({ code: 'LIMIT_CENTRAL_DIRECTORY_SIZE', message: expect.stringMatching(/listing stopped/) });
  });

  it('refuses an entry with a 60,000-byte extra field', async () => {
    const r = await refusal(extraFieldBombPackage());
    expect(r.first).toMatchObject({ code: 'LIMIT_EXTRA_FIELD_SIZE', entry: 'data/accounts.json', message: expect.stringMatching(/extra field of 60000 bytes, more than the limit of 4096 \(maxExtraFieldBytes\)/) });
  });

  it('refuses an entry comment and an archive comment of 60,000 bytes', async () => {
    expect((await refusal(entryCommentBombPackage())).first).toMatchObject({ code: 'LIMIT_COMMENT_SIZE', entry: 'data/accounts.json', message: expect.stringMatching(/comment of 60000 bytes.*maxCommentBytes/) });
    expect((await refusal(archiveCommentBombPackage())).first).toMatchObject({ code: 'LIMIT_COMMENT_SIZE', message: expect.stringMatching(/archive comment of 60000 bytes.*maxCommentBytes/) });
  });

  it('a sound package with small comments and extra fields passes', async () => {
    const bytes = designPackage({}, {}, (entries) => entries.map((e) => ({ ...e, centralComment: Buffer.from('ok') })), { comment: Buffer.from('made by a tool') });
    expect((await refusal(bytes)).codes).toEqual([]);
  });
});

describe('package-wide expansion (maxExpansionRatio)', () => {
  it('refuses 3,000 all-zero entries of 1,000,000 bytes (each under the per-entry ratio floor) from the central directory alone', async () => {
    const bytes = amplificationPackage(3_000);
    expect(bytes.length).toBeLessThan(4 * MiB);
    const r = await refusal(bytes);
    expect(r.first).toMatchObject({ code: 'LIMIT_EXPANSION', message: expect.stringMatching(/would unpack to 300000\d{4} bytes, \d{3} times its \d+ bytes; the limit is 100 times \(maxExpansionRatio, never less than expansionFloorBytes\): \d+ bytes for this package/) });
    // nothing but the directory was read
    expect(r.read).toBeLessThan(bytes.length / 5);
    expect(r.heapGrowth).toBeLessThan(64 * MiB);
  });

  it('allows any package to unpack to the floor (64 MiB) whatever its ratio', async () => {
    const bytes = amplificationPackage(60, 1_000_000);
    const r = await refusal(bytes);
    expect(r.codes).not.toContain('LIMIT_EXPANSION');
  });

  it('counts the bytes actually inflated across entries, once per entry however often it is read', async () => {
    const budget = new ExpansionBudget({ limit: 1000, packageBytes: 10, ratio: 100 });
    const drain = (entry: string, size: number) =>
      pipeline(Readable.from([Buffer.alloc(size)]), new EntryGuard({ entry, size, crc32: 0, budget }), new Writable({ write: (_c, _e, done) => done() }));
    await expect(drain('a', 600)).rejects.toMatchObject({ code: 'ENTRY_CRC_MISMATCH' }); // the budget let it through
    await expect(drain('a', 600)).rejects.toMatchObject({ code: 'ENTRY_CRC_MISMATCH' }); // read again: not counted twice
    await expect(drain('b', 600)).rejects.toMatchObject({ code: 'LIMIT_EXPANSION', details: { limit: 1000 } });
  });
});
