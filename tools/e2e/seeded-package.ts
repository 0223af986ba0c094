import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { writePackage, type WrittenPackage } from '@housef3/package-format';
import {
  accountRecords, analyticsRecords, fileMapRecords, fileTransactions, planSeed, SeedOptions, statementChunks, transactionFileRecord, userStateRecords,
} from '../seed/generate';

/**
 * The package an export of a seeded user would be, written straight with the package writer from
 * the seed's generator (tools/seed/generate): the same records and statement bytes `npm run seed`
 * writes to the tables and bucket, without seeding and exporting them first. Transactions are
 * generated while the package is written (memory stays flat). Returns the ZIP's path and what it holds.
 */
export async function writeSeededPackage(options: SeedOptions): Promise<{ path: string; written: WrittenPackage }> {
  const plan = planSeed(options);
  const state = userStateRecords(plan);
  const handle = writePackage({
    userId: plan.options.userId,
    exportTimestamp: new Date('2025-06-30T12:00:00Z'),
    housef3Version: '2.5.0',
    records: {
      categories: plan.categories,
      file_maps: fileMapRecords(plan),
      accounts: accountRecords(plan),
      transaction_files: plan.files.map((file) => transactionFileRecord(plan, file)),
      transactions: (function* transactions() {
        for (const file of plan.files) yield* fileTransactions(plan, file);
      })(),
      analytics: analyticsRecords(plan),
      user_preferences: state.preferences,
      recurring_charge_patterns: state.patterns,
      recurring_charge_predictions: state.predictions,
      pattern_feedback: state.feedback,
    },
    files: plan.files.map((file) => ({ fileId: file.fileId, fileName: file.fileName, size: file.stats.bytes, open: () => statementChunks(plan, file) })),
  });
  const path = join(mkdtempSync(join(tmpdir(), 'seeded-package-')), 'package.zip');
  await pipeline(handle.stream, createWriteStream(path));
  return { path, written: await handle.done };
}
