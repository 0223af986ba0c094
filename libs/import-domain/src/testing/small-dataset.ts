import type { EntityDataset } from '@housef3/package-format';
import {
  buildAccount,
  buildAnalytics,
  buildAssignment,
  buildCategory,
  buildFileMap,
  buildPatternFeedback,
  buildRecurringChargePattern,
  buildRecurringChargePrediction,
  buildRule,
  buildTransaction,
  buildTransactionFile,
  buildUserPreferences,
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
  pattern: fixedUuid('0bad0000', 1),
  feedback: fixedUuid('0fb00000', 1),
} as const;

/**
 * A small, referentially consistent dataset using every reference of the data model once:
 * category -> parent, account <-> file map, transaction file -> account and file map,
 * transactions -> account, file, primary category, assignment category and rule, analytics ->
 * account (and one for ALL accounts), the 1.2 entities: preferences, a pattern -> matched
 * transactions and suggested category, its prediction, feedback -> pattern and transaction.
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
    user_preferences: [buildUserPreferences()],
    recurring_charge_patterns: [
      buildRecurringChargePattern({ patternId: IDS.pattern, matchedTransactionIds: [IDS.transaction1, IDS.transaction2], suggestedCategoryId: IDS.child }),
    ],
    recurring_charge_predictions: [buildRecurringChargePrediction({ patternId: IDS.pattern })],
    pattern_feedback: [buildPatternFeedback({ feedbackId: IDS.feedback, patternId: IDS.pattern, transactionId: IDS.transaction1 })],
  };
}
