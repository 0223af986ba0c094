import fc from 'fast-check';

import { compareDecimalStrings } from '../decimal/decimal-string';
import type { Account } from '../entities/account.schema';
import type { AnalyticsRecord } from '../entities/analytics.schema';
import type { Category, CategoryRule } from '../entities/category.schema';
import {
  ACCOUNT_TYPES,
  ANALYTIC_TYPES,
  CATEGORY_ASSIGNMENT_STATUSES,
  CATEGORY_TYPES,
  CURRENCIES,
  FILE_FORMATS,
  PROCESSING_STATUSES,
  RULE_CONDITIONS,
  RULE_FIELDS_TO_MATCH,
  RULE_INHERITANCE_MODES,
  TRANSACTION_STATUSES,
} from '../entities/enums';
import { canonicalNested, canonicalRecord } from '../entities/field-order';
import type { FieldMapping, FileMap } from '../entities/file-map.schema';
import type { TransactionFile } from '../entities/transaction-file.schema';
import { CategoryAssignment, Transaction, deriveStatusDate } from '../entities/transaction.schema';
import { computeTransactionHash } from '../hash/transaction-hash';
import {
  MAX_TIMESTAMP_MS,
  arbAnalyticsData,
  arbDateOnly,
  arbDecimalString,
  arbFileName,
  arbRuleId,
  arbTimePeriod,
  arbTimestamp,
  arbUnicodeText,
  arbUuid,
  arbOptional,
} from './value.arbitraries';

/*
 * fast-check arbitraries of valid records (validated-record shape). Each standalone record is
 * valid on its own; arbDataset (dataset.arbitrary.ts) makes a referentially consistent whole.
 */

export function arbAccount(): fc.Arbitrary<Account> {
  return fc
    .record({
      accountId: arbUuid(),
      accountName: arbUnicodeText(100, 1),
      accountType: fc.constantFrom(...ACCOUNT_TYPES),
      institution: arbOptional(arbUnicodeText(100)),
      balance: arbOptional(arbDecimalString()),
      currency: arbOptional(fc.constantFrom(...CURRENCIES)),
      notes: arbOptional(arbUnicodeText(1000)),
      isActive: fc.boolean(),
      firstTransactionDate: arbOptional(arbDateOnly()),
      lastTransactionDate: arbOptional(arbDateOnly()),
      importsStartDate: arbOptional(arbTimestamp()),
      importsEndDate: arbOptional(arbTimestamp()),
      createdAt: arbTimestamp(),
      updatedAt: arbTimestamp(),
    })
    .map((account) => canonicalRecord('accounts', account.balance !== undefined && account.currency === undefined ? { ...account, currency: 'USD' } : account));
}

export function arbAssignment(): fc.Arbitrary<CategoryAssignment> {
  return fc
    .record({
      categoryId: arbUuid(),
      confidence: fc.integer({ min: 0, max: 100 }),
      status: fc.constantFrom(...CATEGORY_ASSIGNMENT_STATUSES),
      isManual: fc.boolean(),
      assignedAt: arbTimestamp(),
      confirmedAt: arbOptional(arbTimestamp()),
      ruleId: arbOptional(arbRuleId()),
    })
    .map((assignment) => canonicalNested('CategoryAssignment', assignment));
}

/** A transaction with a correct statusDate and transactionHash. */
export function arbTransaction(): fc.Arbitrary<Transaction> {
  return fc
    .record({
      transactionId: arbUuid(),
      accountId: arbUuid(),
      fileId: arbUuid(),
      date: arbDateOnly(),
      description: arbUnicodeText(1000),
      amount: arbDecimalString(),
      currency: fc.constantFrom(...CURRENCIES),
      balance: arbOptional(arbDecimalString()),
      importOrder: arbOptional(fc.integer({ min: 0, max: 100_000 })),
      transactionType: arbOptional(arbUnicodeText(50, 1)),
      memo: arbOptional(arbUnicodeText(1000)),
      checkNumber: arbOptional(arbUnicodeText(50)),
      fitId: arbOptional(arbUnicodeText(100)),
      status: fc.constantFrom(...TRANSACTION_STATUSES),
      categories: fc.array(arbAssignment(), { maxLength: 2 }),
      createdAt: arbTimestamp(),
      updatedAt: arbTimestamp(),
    })
    .map((draft) => withDerivedFields({ ...draft, statusDate: '', transactionHash: 0n }));
}

/** Recomputes statusDate and transactionHash from a transaction's fields (after editing them). */
export function withDerivedFields(transaction: Transaction): Transaction {
  return canonicalRecord('transactions', {
    ...transaction,
    statusDate: deriveStatusDate(transaction.status, transaction.date),
    transactionHash: computeTransactionHash(transaction.accountId, transaction.date, transaction.amount, transaction.description),
  });
}

export function arbRule(): fc.Arbitrary<CategoryRule> {
  return fc
    .record({
      ruleId: arbRuleId(),
      fieldToMatch: fc.constantFrom(...RULE_FIELDS_TO_MATCH),
      condition: fc.constantFrom(...RULE_CONDITIONS),
      value: arbUnicodeText(200),
      caseSensitive: fc.boolean(),
      priority: fc.integer({ min: 0, max: 100 }),
      enabled: fc.boolean(),
      confidence: fc.integer({ min: 0, max: 100 }),
      amountMin: arbOptional(arbDecimalString({ nonNegative: true })),
      amountMax: arbOptional(arbDecimalString({ nonNegative: true })),
      allowMultipleMatches: fc.boolean(),
      autoSuggest: fc.boolean(),
    })
    .map((rule) => {
      const { amountMin, amountMax } = rule;
      const swap = amountMin !== undefined && amountMax !== undefined && compareDecimalStrings(amountMin, amountMax) > 0;
      return canonicalNested('CategoryRule', swap ? { ...rule, amountMin: amountMax, amountMax: amountMin } : rule);
    });
}

export function arbCategory(options: { maxRules?: number } = {}): fc.Arbitrary<Category> {
  return fc
    .record({
      categoryId: arbUuid(),
      name: arbUnicodeText(100, 1),
      type: fc.constantFrom(...CATEGORY_TYPES),
      icon: arbOptional(fc.constantFrom('🍔', 'shopping-cart', 'home')),
      color: arbOptional(fc.constantFrom('#ff0000', '#00AA88', 'teal')),
      inheritParentRules: fc.boolean(),
      ruleInheritanceMode: fc.constantFrom(...RULE_INHERITANCE_MODES),
      rules: fc.array(arbRule(), { maxLength: options.maxRules ?? 2 }),
      createdAt: arbTimestamp(),
      updatedAt: arbTimestamp(),
    })
    .map((category) => canonicalRecord('categories', category));
}

export function arbFieldMapping(): fc.Arbitrary<FieldMapping> {
  return fc
    .record({
      sourceField: arbUnicodeText(40, 1),
      targetField: fc.constantFrom('date', 'description', 'amount', 'memo', 'balance', 'checkNumber'),
      transformation: arbOptional(fc.constantFrom('DD/MM/YYYY', 'negate', 'trim')),
    })
    .map((mapping) => canonicalNested('FieldMapping', mapping));
}

export function arbFileMap(): fc.Arbitrary<FileMap> {
  return fc
    .record({
      fileMapId: arbUuid(),
      name: arbUnicodeText(255, 1),
      mappings: fc.array(arbFieldMapping(), { minLength: 1, maxLength: 3 }),
      description: arbOptional(arbUnicodeText(1000)),
      reverseAmounts: fc.boolean(),
      createdAt: arbTimestamp(),
      updatedAt: arbTimestamp(),
    })
    .map((fileMap) => canonicalRecord('file_maps', fileMap));
}

export function arbTransactionFile(): fc.Arbitrary<TransactionFile> {
  return fc
    .record({
      fileId: arbUuid(),
      fileName: arbFileName(),
      uploadDate: arbTimestamp(),
      fileSize: fc.integer({ min: 0, max: 50_000_000 }),
      processingStatus: fc.constantFrom(...PROCESSING_STATUSES),
      processedDate: arbOptional(arbTimestamp()),
      fileFormat: fc.constantFrom(...FILE_FORMATS),
      recordCount: arbOptional(fc.nat({ max: 10_000 })),
      dateRange: arbOptional(fc.tuple(arbDateOnly(), arbDateOnly()).map(([a, b]) => ({ startDate: Math.min(a, b), endDate: Math.max(a, b) }))),
      errorMessage: arbOptional(arbUnicodeText(200)),
      openingBalance: arbOptional(arbDecimalString()),
      closingBalance: arbOptional(arbDecimalString()),
      currency: arbOptional(fc.constantFrom(...CURRENCIES)),
      duplicateCount: arbOptional(fc.nat({ max: 1000 })),
      transactionCount: arbOptional(fc.nat({ max: 10_000 })),
      createdAt: arbTimestamp(),
      updatedAt: arbTimestamp(),
    })
    .map((file) => canonicalRecord('transaction_files', { ...file, s3Key: `source-user/${file.fileId}/${file.fileName}` }));
}

export function arbAnalytics(): fc.Arbitrary<AnalyticsRecord> {
  return fc
    .record({
      analyticType: fc.constantFrom(...ANALYTIC_TYPES),
      timePeriod: arbTimePeriod(),
      accountId: arbOptional(arbUuid()),
      data: arbAnalyticsData(),
      computed: arbTimestamp(),
      pythonStyle: fc.boolean(),
      withThroughDate: fc.boolean(),
      ttl: arbOptional(fc.integer({ min: 0, max: MAX_TIMESTAMP_MS / 1000 })),
    })
    .map(({ computed, pythonStyle, withThroughDate, ...rest }) => {
      const iso = new Date(computed).toISOString();
      return canonicalRecord('analytics', {
        ...rest,
        computedDate: pythonStyle ? `${iso.slice(0, 19)}.${iso.slice(20, 23)}000+00:00` : iso,
        dataThroughDate: withThroughDate ? iso.slice(0, 10) : undefined,
      });
    });
}
