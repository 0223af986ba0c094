import { ENTITIES_SINCE_1_2 } from '../src/entities';
import { openPackage } from '../src/reader/open-package';
import { verifyPackage } from '../src/reader/verify-package';
import { bufferSource } from '../src/source/package-source';
import { buildDataset } from '../src/testing';
import { writePackage } from '../src/writer/write-package';
import { collectBytes, collectRecords } from './support/collect';

/** Format 1.2: preferences and recurring charges as optional entity files. */
describe('format 1.2', () => {
  const dataset = buildDataset();

  async function write(withUserState: boolean): Promise<Buffer> {
    const { user_preferences, recurring_charge_patterns, recurring_charge_predictions, pattern_feedback, ...rest } = dataset;
    const handle = writePackage({
      userId: 'format-1.2-user', exportTimestamp: new Date('2025-02-01T00:00:00Z'), housef3Version: '2.5.0',
      records: withUserState ? { ...rest, user_preferences, recurring_charge_patterns, recurring_charge_predictions, pattern_feedback } : rest,
      files: [],
      missingFiles: dataset.transaction_files.map((f) => ({ fileId: f.fileId, fileName: f.fileName, reason: 'not in this test' })),
    });
    const [zip] = await Promise.all([collectBytes(handle.stream), handle.done]);
    return zip;
  }

  it('writes the four entities, counts them in data_summary and record_counts, and says what a 1.1 reader would miss', async () => {
    const report = await verifyPackage(bufferSource(await write(true)));
    expect(report.problems).toEqual([]);
    expect(report.formatVersion).toBe('1.2');
    expect(report.manifest?.data_summary).toMatchObject({
      user_preferences_included: true,
      recurring_charge_patterns_count: dataset.recurring_charge_patterns.length,
      recurring_charge_predictions_count: dataset.recurring_charge_predictions.length,
      pattern_feedback_count: dataset.pattern_feedback.length,
    });
    expect(report.manifest?.record_counts).toMatchObject({ user_preferences: 1, recurring_charge_patterns: 2, recurring_charge_predictions: 1, pattern_feedback: 2 });
    expect(report.manifest?.format_additions).toEqual([
      { since: '1.2', entries: ENTITIES_SINCE_1_2.map((e) => `data/${e}.json`), note: expect.stringContaining('a reader of format 1.1') },
    ]);
  });

  it('reads every record of the four entities back exactly (decimals as strings, flags as booleans, lists in order)', async () => {
    const reader = await openPackage(bufferSource(await write(true)));
    try {
      for (const entity of ENTITIES_SINCE_1_2) expect(await collectRecords(reader, entity)).toEqual(dataset[entity]);
    } finally {
      await reader.close();
    }
  });

  it('leaves them out when not given: nothing to miss, counts zero, the 1.1 entities unchanged', async () => {
    const reader = await openPackage(bufferSource(await write(false)));
    try {
      for (const entity of ENTITIES_SINCE_1_2) expect(reader.hasEntity(entity)).toBe(false);
      expect(reader.manifest.format_additions).toEqual([]);
      expect(reader.manifest.data_summary).toMatchObject({ user_preferences_included: false, recurring_charge_patterns_count: 0 });
      expect(await collectRecords(reader, 'transactions')).toEqual(dataset.transactions);
    } finally {
      await reader.close();
    }
  });
});
