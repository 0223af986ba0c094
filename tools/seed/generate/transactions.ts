import { CategoryAssignment, Transaction, computeTransactionHash, deriveStatusDate } from '@housef3/package-format';
import { seedUuid } from './seed-ids';
import { FilePlan, SeedPlan, StatementRow } from './seed-model';
import { statementRows } from './statement-rows';

/** The transactions of a file, one per statement line, lazily (constant memory). */
export function* fileTransactions(plan: SeedPlan, file: FilePlan): Generator<Transaction> {
  for (const row of statementRows(plan, file)) yield transactionOf(plan, file, row);
}

/** The ID of the transaction written for line `row` of file `fileIndex`. */
export function transactionIdOf(plan: SeedPlan, fileIndex: number, row: number): string {
  return seedUuid(plan.keys.ids, 'transaction', fileIndex, row);
}

/**
 * The transaction HouseF3 stores for a statement line: its hash computed from the very account,
 * date, amount and description; statusDate derived; importOrder the line's position (from 1);
 * categories assigned by rule (suggested, or confirmed by the user) or by hand (isManual).
 */
export function transactionOf(plan: SeedPlan, file: FilePlan, row: StatementRow): Transaction {
  const accountId = file.account.accountId;
  const importedAt = file.processedDate;
  const categories = assignmentsOf(plan, row, importedAt);
  const confirmed = categories.find((assignment) => assignment.status === 'confirmed');
  return {
    transactionId: transactionIdOf(plan, file.index, row.row),
    accountId,
    fileId: file.fileId,
    date: row.date,
    description: row.description,
    amount: row.amount,
    currency: file.currency ?? 'USD',
    balance: row.balance,
    importOrder: row.row + 1,
    transactionType: row.transactionType,
    ...(row.memo !== undefined && { memo: row.memo }),
    ...(row.checkNumber !== undefined && { checkNumber: row.checkNumber }),
    ...(row.fitId !== undefined && { fitId: row.fitId }),
    status: row.status,
    statusDate: deriveStatusDate(row.status, row.date),
    transactionHash: computeTransactionHash(accountId, row.date, row.amount, row.description),
    categories,
    ...(categories.length > 0 && { primaryCategoryId: (confirmed ?? categories[0]).categoryId }),
    createdAt: importedAt,
    updatedAt: confirmed?.confirmedAt ?? importedAt,
  };
}

function assignmentsOf(plan: SeedPlan, row: StatementRow, importedAt: number): CategoryAssignment[] {
  const confirmedAt = importedAt + row.confirmDelayMs;
  const byRule = (): CategoryAssignment | undefined => {
    const category = row.merchant?.category === undefined ? undefined : plan.categoryByPath.get(row.merchant.category);
    const rule = category?.rules[row.merchant?.ruleIndex ?? 0];
    if (category === undefined || rule === undefined) return undefined;
    return { categoryId: category.categoryId, confidence: rule.confidence, status: 'suggested', isManual: false, assignedAt: importedAt, ruleId: rule.ruleId };
  };
  const byHand = (): CategoryAssignment | undefined => {
    const category = row.manualCategory === undefined ? undefined : plan.categoryByPath.get(row.manualCategory);
    return category && { categoryId: category.categoryId, confidence: 100, status: 'confirmed', isManual: true, assignedAt: confirmedAt, confirmedAt };
  };
  const present = (...assignments: (CategoryAssignment | undefined)[]) => assignments.filter((a): a is CategoryAssignment => a !== undefined);
  switch (row.assignment) {
    case 'none':
      return [];
    case 'suggested':
      return present(byRule());
    case 'confirmed': {
      const suggestion = byRule();
      return suggestion ? [{ ...suggestion, status: 'confirmed', confirmedAt }] : [];
    }
    case 'manual':
      return present(byHand());
    case 'suggested+manual':
      return present(byRule(), byHand());
  }
}
