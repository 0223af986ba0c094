import type { EntityDataset } from '@housef3/package-format';
import {
  buildAccount,
  buildAnalytics,
  buildAssignment,
  buildCategory,
  buildFileMap,
  buildRule,
  buildTransaction,
  buildTransactionFile,
  fixedUuid,
} from '@housef3/package-format/testing';

/** Fixed IDs of smallDataset(), so tests can name them. */
export const IDS = {
  parent: fixedUuid('ca7e0000', 1),
  child: fixedUuid('ca7e0000', 2),
  rule: 'rule_0000c0de',
  fileMap: fixedUuid('f11e0000', 1),
  account: fixedUuid('acc00000', 1),
  file: fixedUuid('f1f1f1f1', 1),
  transaction1: fixedUuid('77777777', 1),
  transaction2: fixedUuid('77777777', 2),
} as const;

/**
 * A small, referentially consistent dataset using every reference of the data model once:
 * category -> parent, account <-> file map, transaction file -> account and file map,
 * transactions -> account, file, primary category, assignment category and rule, analytics ->
 * account (and one for ALL accounts).
 */
export function smallDataset(): EntityDataset {
  return {
    categories: [
      buildCategory({ categoryId: IDS.parent, name: 'Living', type: 'EXPENSE' }),
      buildCategory({ categoryId: IDS.child, name: 'Groceries', parentCategoryId: IDS.parent, rules: [buildRule({ ruleId: IDS.rule })] }),
    ],
    file_maps: [buildFileMap({ fileMapId: IDS.fileMap, accountId: IDS.account })],
    accounts: [buildAccount({ accountId: IDS.account, defaultFileMapId: IDS.fileMap })],
    transaction_files: [buildTransactionFile({ fileId: IDS.file, accountId: IDS.account, fileMapId: IDS.fileMap })],
    transactions: [
      buildTransaction({
        transactionId: IDS.transaction1,
        accountId: IDS.account,
        fileId: IDS.file,
        primaryCategoryId: IDS.child,
        categories: [buildAssignment({ categoryId: IDS.child, ruleId: IDS.rule, status: 'suggested', isManual: false })],
      }),
      buildTransaction({ transactionId: IDS.transaction2, accountId: IDS.account, fileId: IDS.file, amount: '120.00', description: 'SALARY' }),
    ],
    analytics: [buildAnalytics({ accountId: IDS.account }), buildAnalytics({ analyticType: 'category_trends' })],
  };
}
