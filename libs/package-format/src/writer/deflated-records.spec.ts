import { canonicalJson } from '../json/canonical-json';
import { deflateEntry } from '../zip/deflated-entry';
import { collectBytes } from '../../test/support/collect';
import { FIXTURE_FILE_BYTES, fixtureDataset } from '../../test/support/fixture-dataset';
import { encodeEntityFile } from './entity-file-encoder';
import { PackageWriter } from './package-writer';
import { recordKeyOrder } from './record-key-order';
import { writePackage } from './write-package';
import type { EntityName, EntityRecordOf } from '../entities';

const options = { userId: 'user-1', exportTimestamp: new Date('2024-01-15T10:30:00Z'), housef3Version: '2.5.0' };

/** An entity file encoded and deflated ahead of time, as the export's staging does. */
async function predeflated<E extends EntityName>(entity: E, records: EntityRecordOf<E>[]) {
  const order = recordKeyOrder(entity);
  const entry = deflateEntry(encodeEntityFile(entity, records, (r) => canonicalJson(r, order)));
  const compressed: Buffer[] = [];
  for await (const chunk of entry.chunks) compressed.push(chunk);
  return { ...entry.summary(), records: records.length, open: () => compressed };
}

function input() {
  const d = fixtureDataset();
  const file = d.transaction_files[0]!;
  return {
    d,
    files: [{ fileId: file.fileId, fileName: file.fileName, size: FIXTURE_FILE_BYTES.length, open: () => [FIXTURE_FILE_BYTES] }],
  };
}

describe('entity files deflated ahead of time', () => {
  it('make the same package, byte for byte, as the records written one by one', async () => {
    const { d, files } = input();
    const plain = writePackage({ ...options, records: { ...d }, files });
    const plainBytes = collectBytes(plain.stream);
    const fast = writePackage({
      ...options, files,
      records: {
        accounts: await predeflated('accounts', d.accounts), transactions: await predeflated('transactions', d.transactions),
        categories: await predeflated('categories', d.categories), file_maps: await predeflated('file_maps', d.file_maps),
        transaction_files: d.transaction_files, analytics: await predeflated('analytics', d.analytics),
        user_preferences: await predeflated('user_preferences', d.user_preferences),
        recurring_charge_patterns: await predeflated('recurring_charge_patterns', d.recurring_charge_patterns),
        recurring_charge_predictions: await predeflated('recurring_charge_predictions', d.recurring_charge_predictions),
        pattern_feedback: await predeflated('pattern_feedback', d.pattern_feedback),
      },
    });
    const fastBytes = collectBytes(fast.stream);
    const [a, b] = await Promise.all([plain.done, fast.done]);
    expect(b.manifest).toEqual(a.manifest);
    expect(b.manifest.record_counts.transactions).toBe(d.transactions.length);
    expect((await fastBytes).equals(await plainBytes)).toBe(true);
  });

  it('fail the package when the compressed bytes are not the ones summarised', async () => {
    const { d } = input();
    const data = await predeflated('transactions', d.transactions);
    const w = new PackageWriter(options);
    const out = collectBytes(w.output);
    out.catch(() => undefined);
    const cut = { ...data, open: () => [Buffer.concat(data.open()).subarray(1)] };
    await expect(w.writeDeflatedRecords('transactions', cut)).rejects.toThrow(/compressed bytes instead of/);
    await expect(out).rejects.toThrow();
  });

  it('are refused for transaction_files, whose records must be seen', async () => {
    const { d } = input();
    const w = new PackageWriter(options);
    collectBytes(w.output).catch(() => undefined);
    await expect(w.writeDeflatedRecords('transaction_files', await predeflated('transaction_files', d.transaction_files))).rejects.toThrow(/record by record/);
  });
});
