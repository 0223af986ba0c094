import type { EntityDataset } from '../../src/entities';
import { buildAccount, buildAssignment, buildCategory, buildFileMap, buildTransaction, buildTransactionFile, fixedUuid } from '../../src/testing';

/** IDs of the small fixed dataset used by the corpus and the golden packages. */
export const FIXTURE_IDS = {
  account: fixedUuid('aaaaaaaa', 1),
  fileMap: fixedUuid('bbbbbbbb', 1),
  file: fixedUuid('f1f1f1f1', 1),
  category: fixedUuid('cccccccc', 1),
  transactions: [fixedUuid('dddddddd', 1), fixedUuid('dddddddd', 2)],
} as const;

/** The original file of the fixture's transaction file. */
export const FIXTURE_FILE_BYTES = Buffer.from('Date,Description,Amount\n2024-01-01,COFFEE SHOP,-3.50\n2024-01-02,SALARY,1234567890.12\n', 'utf8');
export const FIXTURE_FILE_NAME = 'statement.csv';

/** A small, valid, deterministic dataset: one of each entity, two transactions, no analytics. */
export function fixtureDataset(): EntityDataset {
  const accountId = FIXTURE_IDS.account;
  const fileId = FIXTURE_IDS.file;
  return {
    accounts: [buildAccount({ accountId, defaultFileMapId: FIXTURE_IDS.fileMap })],
    file_maps: [buildFileMap({ fileMapId: FIXTURE_IDS.fileMap, accountId })],
    categories: [buildCategory({ categoryId: FIXTURE_IDS.category })],
    transaction_files: [buildTransactionFile({ fileId, fileName: FIXTURE_FILE_NAME, accountId, fileMapId: FIXTURE_IDS.fileMap, fileSize: FIXTURE_FILE_BYTES.length })],
    transactions: [
      buildTransaction({ transactionId: FIXTURE_IDS.transactions[0], accountId, fileId, amount: '-3.50', description: 'COFFEE SHOP' }),
      buildTransaction({
        transactionId: FIXTURE_IDS.transactions[1],
        accountId,
        fileId,
        amount: '1234567890.12',
        description: 'SALARY',
        categories: [buildAssignment({ categoryId: FIXTURE_IDS.category })],
        primaryCategoryId: FIXTURE_IDS.category,
      }),
    ],
    analytics: [],
    user_preferences: [],
    recurring_charge_patterns: [],
    recurring_charge_predictions: [],
    pattern_feedback: [],
  };
}
