import { randomUUID } from 'node:crypto';

import type { Account } from '../entities/account.schema';
import type { AnalyticsRecord } from '../entities/analytics.schema';
import type { Category, CategoryRule } from '../entities/category.schema';
import type { FieldMapping, FileMap } from '../entities/file-map.schema';
import { canonicalNested, canonicalRecord } from '../entities/field-order';
import type { TransactionFile } from '../entities/transaction-file.schema';
import { CategoryAssignment, Transaction, deriveStatusDate } from '../entities/transaction.schema';
import { computeTransactionHash } from '../hash/transaction-hash';
import { JsonNumber } from '../json/json-number';

/*
 * Test data builders (house style: buildAccount({...overrides})). Each returns a valid,
 * validated-shape record with canonical key order and a fresh UUIDv4 ID; pass `undefined` for an
 * optional field to leave it out. Records carry no userId unless you give one.
 */

/** 2024-01-01T00:00:00Z in epoch ms. */
export const BUILDER_EPOCH_MS = 1_704_067_200_000;

export function buildAccount(overrides: Partial<Account> = {}): Account {
  return canonicalRecord('accounts', {
    accountId: randomUUID(),
    accountName: 'Everyday Checking',
    accountType: 'checking',
    institution: 'Example Bank',
    balance: '1234.56',
    currency: 'USD',
    isActive: true,
    createdAt: BUILDER_EPOCH_MS,
    updatedAt: BUILDER_EPOCH_MS,
    ...overrides,
  });
}

export function buildAssignment(overrides: Partial<CategoryAssignment> = {}): CategoryAssignment {
  return canonicalNested('CategoryAssignment', {
    categoryId: randomUUID(),
    confidence: 100,
    status: 'confirmed',
    isManual: true,
    assignedAt: BUILDER_EPOCH_MS,
    confirmedAt: BUILDER_EPOCH_MS,
    ...overrides,
  });
}

/**
 * A transaction whose statusDate and transactionHash are derived from its final fields, unless
 * the overrides set them.
 */
export function buildTransaction(overrides: Partial<Transaction> = {}): Transaction {
  const draft = { ...buildTransactionSkeleton(), ...overrides };
  return canonicalRecord('transactions', {
    ...draft,
    statusDate: overrides.statusDate ?? deriveStatusDate(draft.status, draft.date),
    transactionHash: overrides.transactionHash ?? computeTransactionHash(draft.accountId, draft.date, draft.amount, draft.description),
  });
}

function buildTransactionSkeleton(): Transaction {
  return {
    transactionId: randomUUID(),
    accountId: randomUUID(),
    fileId: randomUUID(),
    date: BUILDER_EPOCH_MS,
    description: 'COFFEE SHOP',
    amount: '-3.50',
    currency: 'USD',
    importOrder: 1,
    status: 'new',
    statusDate: '',
    transactionHash: 0n,
    categories: [],
    createdAt: BUILDER_EPOCH_MS,
    updatedAt: BUILDER_EPOCH_MS,
  };
}

export function buildRule(overrides: Partial<CategoryRule> = {}): CategoryRule {
  const rule: CategoryRule = {
    ruleId: `rule_${randomUUID().replace(/-/g, '').slice(0, 8)}`,
    fieldToMatch: 'description',
    condition: 'contains',
    value: 'COFFEE',
    caseSensitive: false,
    priority: 0,
    enabled: true,
    confidence: 100,
    allowMultipleMatches: true,
    autoSuggest: true,
    ...overrides,
  };
  return canonicalNested('CategoryRule', rule);
}

export function buildCategory(overrides: Partial<Category> = {}): Category {
  return canonicalRecord('categories', {
    categoryId: randomUUID(),
    name: 'Eating out',
    type: 'EXPENSE',
    inheritParentRules: true,
    ruleInheritanceMode: 'additive',
    rules: [],
    createdAt: BUILDER_EPOCH_MS,
    updatedAt: BUILDER_EPOCH_MS,
    ...overrides,
  });
}

export function buildFieldMapping(overrides: Partial<FieldMapping> = {}): FieldMapping {
  return canonicalNested('FieldMapping', { sourceField: 'Date', targetField: 'date', ...overrides });
}

export function buildFileMap(overrides: Partial<FileMap> = {}): FileMap {
  return canonicalRecord('file_maps', {
    fileMapId: randomUUID(),
    name: 'Bank CSV',
    mappings: [
      { sourceField: 'Date', targetField: 'date', transformation: 'DD/MM/YYYY' },
      { sourceField: 'Description', targetField: 'description' },
      { sourceField: 'Amount', targetField: 'amount' },
    ],
    reverseAmounts: false,
    createdAt: BUILDER_EPOCH_MS,
    updatedAt: BUILDER_EPOCH_MS,
    ...overrides,
  });
}

/** A transaction file; s3Key follows `{userId}/{fileId}/{fileName}` with a placeholder user. */
export function buildTransactionFile(overrides: Partial<TransactionFile> = {}): TransactionFile {
  const fileId = overrides.fileId ?? randomUUID();
  const fileName = overrides.fileName ?? 'statement.csv';
  return canonicalRecord('transaction_files', {
    fileId,
    fileName,
    uploadDate: BUILDER_EPOCH_MS,
    fileSize: 2048,
    s3Key: `source-user/${fileId}/${fileName}`,
    processingStatus: 'processed',
    processedDate: BUILDER_EPOCH_MS + 60_000,
    fileFormat: 'csv',
    recordCount: 3,
    dateRange: { startDate: BUILDER_EPOCH_MS - 86_400_000 * 30, endDate: BUILDER_EPOCH_MS },
    currency: 'USD',
    transactionCount: 3,
    duplicateCount: 0,
    createdAt: BUILDER_EPOCH_MS,
    updatedAt: BUILDER_EPOCH_MS,
    ...overrides,
  });
}

export function buildAnalytics(overrides: Partial<AnalyticsRecord> = {}): AnalyticsRecord {
  return canonicalRecord('analytics', {
    analyticType: 'cash_flow',
    timePeriod: 'overall',
    data: { totalIncome: new JsonNumber('5230.10'), totalExpenses: new JsonNumber('-4100.00'), months: [new JsonNumber('1')] },
    computedDate: '2024-01-01T10:00:00.123456+00:00',
    dataThroughDate: '2024-01-01',
    ...overrides,
  });
}
