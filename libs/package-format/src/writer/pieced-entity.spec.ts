import { createHash } from 'node:crypto';
import { collectBytes, collectRecords } from '../../test/support/collect';
import { readZipEntry } from '../../test/support/read-zip-entry';
import { FIXTURE_FILE_BYTES, fixtureDataset } from '../../test/support/fixture-dataset';
import { canonicalJson } from '../json/canonical-json';
import { openPackage } from '../reader/open-package';
import { bufferSource } from '../source/package-source';
import { buildTransaction, fixedUuid } from '../testing';
import { encodeEntityFile } from './entity-file-encoder';
import { deflatePiece, piecedEntityData, piecedEntitySize, recordRuns, type EntityPiece } from './pieced-entity';
import { recordKeyOrder } from './record-key-order';
import { writePackage } from './write-package';
import type { Transaction } from '../entities';

const options = { userId: 'user-1', exportTimestamp: new Date('2024-01-15T10:30:00Z'), housef3Version: '2.5.0' };
const order = recordKeyOrder('transactions');
const encode = (t: Transaction) => canonicalJson(t, order);

function dataset(transactions: number) {
  const d = fixtureDataset();
  const { accountId, fileId } = d.transactions[0]!;
  d.transactions = Array.from({ length: transactions }, (_, i) => buildTransaction({
    transactionId: fixedUuid('dddddddd', i + 1), accountId, fileId, amount: `-${i}.25`, description: `SHOP ${i} ${'é'.repeat(i % 7)}`,
  }));
  return d;
}

/** Pieces as the export stages them: runs of records compressed apart, each from any run of the source. */
async function pieces(records: Transaction[], maxBytes: number) {
  const staged: { bytes: Buffer; textBytes: number; records: number }[] = [];
  for await (const run of recordRuns([records.slice(0, 7), records.slice(7)], encode, maxBytes)) staged.push({ bytes: await deflatePiece(run.text), textBytes: run.text.length, records: run.records });
  return staged;
}

const asPieces = (staged: { bytes: Buffer }[]): EntityPiece[] => staged.map((p) => ({ compressedBytes: p.bytes.length, read: async () => p.bytes }));

async function plainText(records: Transaction[]): Promise<Buffer> {
  return collectBytes(encodeEntityFile('transactions', records, encode));
}

async function packageWith(d: ReturnType<typeof dataset>, transactions: ReturnType<typeof piecedEntityData> | Transaction[]) {
  const files = [{ fileId: d.transaction_files[0]!.fileId, fileName: d.transaction_files[0]!.fileName, size: FIXTURE_FILE_BYTES.length, open: () => [FIXTURE_FILE_BYTES] }];
  const handle = writePackage({ ...options, files, records: { ...d, transactions } });
  const bytes = collectBytes(handle.stream);
  bytes.catch(() => undefined);
  return { written: await handle.done, bytes: await bytes };
}

describe('an entity file put together from pieces compressed apart', () => {
  it('holds the text of the file written record by record, so the package has the same manifest and reads back the same records', async () => {
    const d = dataset(60);
    const staged = await pieces(d.transactions, 2_000);
    expect(staged.length).toBeGreaterThan(5);
    expect(staged.reduce((a, p) => a + p.records, 0)).toBe(60);
    const size = piecedEntitySize('transactions', 60, staged.length, staged.reduce((a, p) => a + p.textBytes, 0));
    const pieced = await packageWith(d, piecedEntityData('transactions', 60, asPieces(staged), { expectedSize: size }));
    const plain = await packageWith(d, d.transactions);

    expect(pieced.written.manifest).toEqual(plain.written.manifest);
    const text = await readZipEntry(pieced.bytes, 'data/transactions.json');
    expect(text.equals(await plainText(d.transactions))).toBe(true);
    expect(size).toBe(text.length);
    const reader = await openPackage(bufferSource(pieced.bytes));
    expect(await collectRecords(reader, 'transactions')).toEqual(d.transactions);
  });

  it('of one piece, and of none, is the same text as well', async () => {
    for (const n of [1, 0]) {
      const d = dataset(n);
      const staged = await pieces(d.transactions, 1_000_000);
      expect(staged).toHaveLength(n);
      const entry = piecedEntityData('transactions', n, asPieces(staged));
      const { bytes, written } = await packageWith(d, entry);
      const text = await readZipEntry(bytes, 'data/transactions.json');
      expect(text.toString()).toBe((await plainText(d.transactions)).toString());
      expect(written.manifest.record_counts.transactions).toBe(n);
      expect(entry.summary().sha256).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });

  it('reads the pieces ahead but copies them in order', async () => {
    const d = dataset(40);
    const staged = await pieces(d.transactions, 1_500);
    let reading = 0;
    let most = 0;
    const slow: EntityPiece[] = staged.map((p, i) => ({
      compressedBytes: p.bytes.length,
      read: async () => {
        most = Math.max(most, ++reading);
        await new Promise((r) => setTimeout(r, (staged.length - i) * 2));
        reading--;
        return p.bytes;
      },
    }));
    const { bytes } = await packageWith(d, piecedEntityData('transactions', 40, slow, { readAhead: 3 }));
    expect(most).toBe(3);
    expect((await readZipEntry(bytes, 'data/transactions.json')).equals(await plainText(d.transactions))).toBe(true);
  });

  it('fails the package when a piece is not the bytes that were staged', async () => {
    const d = dataset(30);
    const staged = await pieces(d.transactions, 1_500);
    const flipped = staged.map((p) => ({ ...p, bytes: Buffer.from(p.bytes) }));
    flipped[1]!.bytes[3] ^= 0xff;
    await expect(packageWith(d, piecedEntityData('transactions', 30, asPieces(flipped)))).rejects.toThrow(/transactions: the pieces do not make one entry|differs|compressed bytes/);

    const short = asPieces(staged).map((p, i) => (i === 2 ? { ...p, read: async () => staged[2]!.bytes.subarray(1) } : p));
    await expect(packageWith(d, piecedEntityData('transactions', 30, short))).rejects.toThrow(/piece 2 has \d+ bytes, not \d+/);

    const unreadable = asPieces(staged).map((p, i) => (i === 1 ? { ...p, read: async () => Promise.reject(new Error('piece 1: NoSuchKey')) } : p));
    await expect(packageWith(d, piecedEntityData('transactions', 30, unreadable))).rejects.toThrow('piece 1: NoSuchKey');
  });

  it('fails the package when the pieces inflate to another size than staged', async () => {
    const d = dataset(10);
    const staged = await pieces(d.transactions, 1_000);
    const size = piecedEntitySize('transactions', 10, staged.length, staged.reduce((a, p) => a + p.textBytes, 0));
    await expect(packageWith(d, piecedEntityData('transactions', 10, asPieces(staged), { expectedSize: size + 1 }))).rejects.toThrow(`inflate to ${size} bytes, not the ${size + 1} staged`);
  });

  it('refuses records without pieces, and pieces without records', () => {
    expect(() => piecedEntityData('transactions', 3, [])).toThrow('3 records in 0 pieces');
    expect(() => piecedEntityData('transactions', 0, [{ compressedBytes: 1, read: async () => Buffer.alloc(1) }])).toThrow('0 records in 1 pieces');
  });
});

describe('recordRuns', () => {
  it('cuts whole records, in batches, into runs of about the size asked, joined as the entity file joins them', async () => {
    const records = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40), 'd'.repeat(10)];
    const runs: string[] = [];
    for await (const run of recordRuns([records.slice(0, 1), [], records.slice(1)], (r) => r, 80)) runs.push(run.text.toString());
    expect(runs).toEqual([`${'a'.repeat(40)},\n${'b'.repeat(40)}`, `${'c'.repeat(40)},\n${'d'.repeat(10)}`]);
    const none: unknown[] = [];
    for await (const run of recordRuns([[]], String)) none.push(run);
    expect(none).toEqual([]);
  });
});
