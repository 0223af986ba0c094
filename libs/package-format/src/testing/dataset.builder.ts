import type { Account } from '../entities/account.schema';
import type { AnalyticsRecord } from '../entities/analytics.schema';
import type { Category, CategoryRule } from '../entities/category.schema';
import type { EntityDataset } from '../entities/entity-records';
import {
  ACCOUNT_TYPES,
  ANALYTIC_TYPES,
  CATEGORY_TYPES,
  CURRENCIES,
  FILE_FORMATS,
  PROCESSING_STATUSES,
  RULE_CONDITIONS,
  RULE_FIELDS_TO_MATCH,
  RULE_INHERITANCE_MODES,
} from '../entities/enums';
import { canonicalNested, canonicalRecord } from '../entities/field-order';
import type { FileMap } from '../entities/file-map.schema';
import type { TransactionFile } from '../entities/transaction-file.schema';
import type { Transaction } from '../entities/transaction.schema';
import { JsonNumber } from '../json/json-number';
import { withDerivedFields } from './arbitraries';
import { EDGE_ACCOUNT_ID, EDGE_AMOUNT, EDGE_AMOUNTS, EDGE_DATE, EDGE_HASH_TRANSACTIONS, EDGE_TEXTS, REAL_WORLD_HASH_VECTOR } from './edge-cases';
import { buildPatternFeedback, buildRecurringChargePattern, buildRecurringChargePrediction, buildUserPreferences } from './builders-1.2';

/*
 * A fixed dataset (same IDs, same bytes every run) that covers every enum value at least once,
 * every optional field set and unset, a 3-level category tree, edge amounts and texts, the
 * real-world hash vector and computed hashes near 2^53, 2^63 and 2^64. Good for golden packages.
 */

const T0 = 1_704_067_200_000;
const DAY = 86_400_000;

/** A deterministic lower-case UUIDv4: tag (8 hex digits) and a sequence number. */
export function fixedUuid(tag: string, n: number): string {
  return `${tag}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

function accounts(fileMapId: string): Account[] {
  const list = CURRENCIES.map((currency, i) =>
    canonicalRecord('accounts', {
      accountId: i === 0 ? REAL_WORLD_HASH_VECTOR.accountId : fixedUuid('aaaaaaaa', i),
      accountName: i === 0 ? 'Current Account' : `${EDGE_TEXTS[i % EDGE_TEXTS.length]} ${i}`,
      accountType: ACCOUNT_TYPES[i % ACCOUNT_TYPES.length],
      institution: i % 3 === 2 ? undefined : 'Banque Exemple ✓',
      balance: i % 4 === 3 ? undefined : EDGE_AMOUNTS[i % EDGE_AMOUNTS.length],
      currency: i % 4 === 3 && i % 2 === 1 ? undefined : currency,
      notes: i === 1 ? 'notes\twith tab and 🧾' : undefined,
      isActive: i % 5 !== 4,
      defaultFileMapId: i === 0 ? fileMapId : undefined,
      firstTransactionDate: i === 0 ? T0 - 30 * DAY : undefined,
      lastTransactionDate: i === 0 ? REAL_WORLD_HASH_VECTOR.date : undefined,
      importsStartDate: i === 0 ? T0 - 30 * DAY : undefined,
      importsEndDate: i === 0 ? T0 : undefined,
      createdAt: T0 + i,
      updatedAt: T0 + i * DAY,
    }),
  );
  list.push(
    canonicalRecord('accounts', {
      accountId: EDGE_ACCOUNT_ID,
      accountName: 'Edge cases',
      accountType: 'other',
      balance: '-0.00',
      currency: 'other',
      isActive: false,
      createdAt: 0,
      updatedAt: Number.MAX_SAFE_INTEGER,
    }),
  );
  return list;
}

function fileMaps(accountId: string): FileMap[] {
  return [
    canonicalRecord('file_maps', {
      fileMapId: fixedUuid('fafafafa', 1),
      name: 'Bank CSV (UK)',
      mappings: [
        { sourceField: 'Date', targetField: 'date', transformation: 'DD/MM/YYYY' },
        { sourceField: 'Description', targetField: 'description' },
        { sourceField: 'Amount', targetField: 'amount' },
      ],
      accountId,
      description: 'Mapping for the bank\'s "export" CSV',
      reverseAmounts: false,
      createdAt: T0,
      updatedAt: T0,
    }),
    canonicalRecord('file_maps', {
      fileMapId: fixedUuid('fafafafa', 2),
      name: 'Card statement – 信用卡',
      mappings: [{ sourceField: 'Montant', targetField: 'amount', transformation: 'negate' }],
      reverseAmounts: true,
      createdAt: T0,
      updatedAt: T0 + DAY,
    }),
  ];
}

function transactionFiles(accountIds: string[], fileMapIds: string[]): TransactionFile[] {
  return FILE_FORMATS.map((fileFormat, i) => {
    const fileId = fixedUuid('f1f1f1f1', i);
    const fileName = i === 1 ? 'relevé de compte (juin) ✓.ofx' : `statement-${i}.${fileFormat}`;
    const processingStatus = PROCESSING_STATUSES[i % PROCESSING_STATUSES.length];
    return canonicalRecord('transaction_files', {
      fileId,
      fileName,
      uploadDate: T0 + i * DAY,
      fileSize: i === 0 ? 0 : 1024 * i,
      s3Key: `source-user/${fileId}/${fileName}`,
      processingStatus,
      processedDate: processingStatus === 'pending' ? undefined : T0 + i * DAY + 1000,
      fileFormat,
      accountId: i % 3 === 2 ? undefined : accountIds[i % accountIds.length],
      fileMapId: i % 2 === 0 ? fileMapIds[i % fileMapIds.length] : undefined,
      recordCount: i % 2 === 1 ? i * 10 : undefined,
      dateRange: i % 2 === 0 ? { startDate: T0 - 30 * DAY, endDate: T0 + i * DAY } : undefined,
      errorMessage: processingStatus === 'error' ? 'Could not parse line 3: "¤¤¤"' : undefined,
      openingBalance: i % 3 === 0 ? EDGE_AMOUNTS[i % EDGE_AMOUNTS.length] : undefined,
      closingBalance: i % 3 === 0 ? '1234567890.12' : undefined,
      currency: i % 3 === 0 ? CURRENCIES[i % CURRENCIES.length] : undefined,
      duplicateCount: i % 3 === 0 ? 1 : undefined,
      transactionCount: i % 3 === 0 ? 2 : undefined,
      createdAt: T0 + i * DAY,
      updatedAt: T0 + i * DAY + 2000,
    });
  });
}

function rules(): CategoryRule[] {
  return RULE_CONDITIONS.map((condition, i) => {
    const amountBased = condition.startsWith('amount_');
    return canonicalNested('CategoryRule', {
      ruleId: `rule_${(0xa0000000 + i).toString(16)}`,
      fieldToMatch: amountBased ? 'amount' : RULE_FIELDS_TO_MATCH[i % RULE_FIELDS_TO_MATCH.length],
      condition,
      value: condition === 'regex' ? '^TESCO\\s+(STORES|METRO)' : amountBased ? '' : 'COFFEE ☕',
      caseSensitive: i % 2 === 0,
      priority: i === 0 ? 100 : i * 10,
      enabled: i !== 3,
      confidence: i === 1 ? 0 : 100 - i,
      amountMin: amountBased && condition !== 'amount_less' ? '0' : undefined,
      amountMax: amountBased && condition !== 'amount_greater' ? '1234567890.12' : undefined,
      allowMultipleMatches: i % 3 !== 0,
      autoSuggest: i % 4 !== 0,
    });
  });
}

function categories(): Category[] {
  const allRules = rules();
  const base = (n: number, name: string, parent: string | undefined, ruleSlice: CategoryRule[]): Category =>
    canonicalRecord('categories', {
      categoryId: fixedUuid('cacacaca', n),
      name,
      type: CATEGORY_TYPES[n % CATEGORY_TYPES.length],
      parentCategoryId: parent,
      icon: n % 2 === 0 ? '🍔' : undefined,
      color: n % 2 === 1 ? '#00AA88' : undefined,
      inheritParentRules: n % 2 === 0,
      ruleInheritanceMode: RULE_INHERITANCE_MODES[n % RULE_INHERITANCE_MODES.length],
      rules: ruleSlice,
      createdAt: T0 + n,
      updatedAt: T0 + n,
    });
  // Parents first: root -> child -> grandchild, plus a second root.
  return [
    base(0, 'Income', undefined, allRules.slice(0, 3)),
    base(1, 'Food & Drink', fixedUuid('cacacaca', 0), allRules.slice(3, 6)),
    base(2, 'Coffee ☕', fixedUuid('cacacaca', 1), allRules.slice(6)),
    base(3, 'Transfers', undefined, []),
  ];
}

function transactions(accountIds: string[], files: TransactionFile[], categoryList: Category[]): Transaction[] {
  const realWorldFile = files.find((f) => f.accountId === REAL_WORLD_HASH_VECTOR.accountId) ?? files[0];
  const list: Transaction[] = [
    withDerivedFields({
      transactionId: fixedUuid('7a7a7a7a', 0),
      accountId: REAL_WORLD_HASH_VECTOR.accountId,
      fileId: realWorldFile.fileId,
      date: REAL_WORLD_HASH_VECTOR.date,
      description: REAL_WORLD_HASH_VECTOR.description,
      amount: REAL_WORLD_HASH_VECTOR.amount,
      currency: 'GBP',
      balance: '1000.00',
      importOrder: 0,
      transactionType: 'DEBIT',
      memo: 'memo',
      checkNumber: '000123',
      fitId: 'FIT-0001',
      status: 'new',
      statusDate: '',
      transactionHash: 0n,
      categories: [
        { categoryId: categoryList[2].categoryId, confidence: 87, status: 'suggested', isManual: false, assignedAt: T0, ruleId: categoryList[2].rules[0].ruleId },
        { categoryId: categoryList[1].categoryId, confidence: 100, status: 'confirmed', isManual: true, assignedAt: T0, confirmedAt: T0 + DAY },
      ],
      primaryCategoryId: categoryList[1].categoryId,
      createdAt: T0,
      updatedAt: T0,
    }),
  ];
  EDGE_AMOUNTS.forEach((amount, i) => {
    const file = files[i % files.length];
    list.push(
      withDerivedFields({
        transactionId: fixedUuid('7a7a7a7a', i + 1),
        accountId: file.accountId ?? accountIds[i % accountIds.length],
        fileId: file.fileId,
        date: T0 + i * DAY,
        description: EDGE_TEXTS[i % EDGE_TEXTS.length],
        amount,
        currency: CURRENCIES[i % CURRENCIES.length],
        balance: i % 2 === 0 ? EDGE_AMOUNTS[(i + 3) % EDGE_AMOUNTS.length] : undefined,
        importOrder: i % 3 === 0 ? i + 1 : undefined,
        status: i % 2 === 0 ? 'new' : 'duplicate',
        statusDate: '',
        transactionHash: 0n,
        categories: i % 3 === 1 ? [{ categoryId: categoryList[3].categoryId, confidence: 50, status: 'suggested', isManual: false, assignedAt: T0 }] : [],
        primaryCategoryId: i % 3 === 1 ? categoryList[3].categoryId : undefined,
        createdAt: T0 + i,
        updatedAt: T0 + i,
      }),
    );
  });
  return list;
}

function edgeTransactions(fileId: string): Transaction[] {
  return EDGE_HASH_TRANSACTIONS.map(({ description }, i) =>
    withDerivedFields({
      transactionId: fixedUuid('7a7a7a7a', 0x100 + i),
      accountId: EDGE_ACCOUNT_ID,
      fileId,
      date: EDGE_DATE,
      description,
      amount: EDGE_AMOUNT,
      currency: 'other',
      status: 'new',
      statusDate: '',
      transactionHash: 0n,
      categories: [],
      createdAt: EDGE_DATE,
      updatedAt: EDGE_DATE,
    }),
  );
}

function analytics(accountId: string): AnalyticsRecord[] {
  const periods = ['overall', '2024', '2024-12', '2024-Q4', '2024-W05', '2024-12-31'];
  return ANALYTIC_TYPES.map((analyticType, i) =>
    canonicalRecord('analytics', {
      analyticType,
      timePeriod: periods[i % periods.length],
      accountId: i % 2 === 1 ? accountId : undefined,
      data: {
        total: new JsonNumber('-1234567890.12'),
        count: new JsonNumber('18446744073709551615'),
        ratio: new JsonNumber('1e-05'),
        label: 'Café ☕',
        flags: [true, false, null],
        nested: { months: [new JsonNumber('1'), new JsonNumber('2.50')] },
      },
      computedDate: i % 2 === 0 ? '2024-12-31T23:59:59.123456+00:00' : '2024-12-31T23:59:59.123Z',
      dataThroughDate: i % 3 === 2 ? undefined : '2024-12-31',
      ttl: i === 0 ? 1_767_225_600 : undefined,
    }),
  );
}

/** The fixed coverage dataset (a fresh copy on every call). */
export function buildDataset(): EntityDataset {
  const maps = fileMaps(REAL_WORLD_HASH_VECTOR.accountId);
  const accountList = accounts(maps[0].fileMapId);
  const accountIds = accountList.filter((a) => a.accountId !== EDGE_ACCOUNT_ID).map((a) => a.accountId);
  const files = transactionFiles(accountIds, maps.map((m) => m.fileMapId));
  const edgeFile = canonicalRecord('transaction_files', {
    fileId: fixedUuid('f1f1f1f1', 0xee),
    fileName: 'edge ☃.qif',
    uploadDate: EDGE_DATE,
    fileSize: 0,
    s3Key: `source-user/${fixedUuid('f1f1f1f1', 0xee)}/edge ☃.qif`,
    processingStatus: 'needs_mapping',
    fileFormat: 'qif',
    accountId: EDGE_ACCOUNT_ID,
    createdAt: EDGE_DATE,
    updatedAt: EDGE_DATE,
  });
  const categoryList = categories();
  const transactionList = [...transactions(accountIds, files, categoryList), ...edgeTransactions(edgeFile.fileId)];
  const patterns = recurringChargePatterns(transactionList.slice(0, 3).map((t) => t.transactionId), categoryList[0]!.categoryId);
  return {
    categories: categoryList,
    file_maps: maps,
    accounts: accountList,
    transaction_files: [...files, edgeFile],
    transactions: transactionList,
    analytics: analytics(accountIds[1]),
    user_preferences: [buildUserPreferences()],
    recurring_charge_patterns: patterns,
    recurring_charge_predictions: [buildRecurringChargePrediction({ patternId: patterns[0]!.patternId })],
    pattern_feedback: [
      buildPatternFeedback({ feedbackId: '0fb00000-0000-4000-8000-000000000001', patternId: patterns[0]!.patternId, transactionId: transactionList[0]!.transactionId }),
      buildPatternFeedback({ feedbackId: '0fb00000-0000-4000-8000-000000000002', patternId: patterns[1]!.patternId, feedbackType: 'false_positive', userCorrection: undefined }),
    ],
  };
}

/** A confirmed pattern with matched transactions and a suggested category, and a detected one with neither. */
function recurringChargePatterns(matched: string[], categoryId: string) {
  return [
    buildRecurringChargePattern({ patternId: '0bad0000-0000-4000-8000-000000000001', matchedTransactionIds: matched, suggestedCategoryId: categoryId, criteriaValidationErrors: ['amount varies'] }),
    buildRecurringChargePattern({
      patternId: '0bad0000-0000-4000-8000-000000000002', merchantPattern: 'GYM', frequency: 'weekly', temporalPatternType: 'day_of_week', dayOfMonth: undefined, dayOfWeek: 0,
      status: 'detected', active: false, criteriaValidated: false, featureVector: undefined, clusterId: undefined, reviewedBy: undefined, reviewedAt: undefined, amountStd: '1.5',
    }),
  ];
}
