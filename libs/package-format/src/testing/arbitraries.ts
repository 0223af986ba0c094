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
import { codePointLength } from '../entities/field-kinds';
import { canonicalNested, canonicalRecord } from '../entities/field-order';
import type { FieldMapping, FileMap } from '../entities/file-map.schema';
import type { PackageJsonObject, PackageJsonValue } from '../entities/json-value';
import type { TransactionFile } from '../entities/transaction-file.schema';
import { CategoryAssignment, Transaction, deriveStatusDate } from '../entities/transaction.schema';
import { MAX_TRANSACTION_HASH, computeTransactionHash } from '../hash/transaction-hash';
import { JsonNumber } from '../json/json-number';
import { EDGE_AMOUNTS, EDGE_TEXTS, EDGE_TRANSACTION_HASHES } from './edge-cases';

/*
 * fast-check arbitraries of valid records (validated-record shape). Each standalone record is
 * valid on its own; arbDataset (dataset.arbitrary.ts) makes a referentially consistent whole.
 */

const DAY_MS = 86_400_000;
/** 2100-01-01: timestamps stay in 4-digit years. */
const MAX_TIMESTAMP_MS = 4_102_444_800_000;

/** Unicode text of at most `maxLength` code points (at least `minLength`), edge texts included. */
export function arbUnicodeText(maxLength: number, minLength = 0): fc.Arbitrary<string> {
  const fitting = EDGE_TEXTS.filter((t) => codePointLength(t) <= maxLength && codePointLength(t) >= minLength);
  const random = fc
    .string({ unit: 'grapheme', minLength: Math.max(minLength, 0), maxLength: Math.min(maxLength, 12) })
    .map((t) => Array.from(t).slice(0, maxLength).join(''))
    .filter((t) => codePointLength(t) >= minLength);
  return fitting.length > 0 ? fc.oneof({ arbitrary: random, weight: 4 }, { arbitrary: fc.constantFrom(...fitting), weight: 1 }) : random;
}

/** Epoch ms from 1970 to 2100. */
export function arbTimestamp(): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: MAX_TIMESTAMP_MS });
}

/** A date-only epoch ms (midnight UTC), like transaction dates. */
export function arbDateOnly(): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: MAX_TIMESTAMP_MS / DAY_MS }).map((day) => day * DAY_MS);
}

/** Decimal strings in the package grammar: edge amounts, plain and exponent forms. */
export function arbDecimalString(options: { nonNegative?: boolean } = {}): fc.Arbitrary<string> {
  const plain = fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.integer({ min: 0, max: 4 }), fc.boolean())
    .map(([negative, units, scale, exponentForm]) => {
      const digits = units.toString();
      const sign = negative && !options.nonNegative ? '-' : '';
      if (exponentForm && units > 0n) return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}E${scale % 2 === 0 ? '+' : '-'}${scale}`;
      if (scale === 0) return sign + digits;
      const padded = digits.padStart(scale + 1, '0');
      return `${sign}${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
    });
  const edges = EDGE_AMOUNTS.filter((a) => !options.nonNegative || !a.startsWith('-'));
  return fc.oneof({ arbitrary: plain, weight: 3 }, { arbitrary: fc.constantFrom(...edges), weight: 1 });
}

/** Any unsigned 64-bit hash, with the precision edges (0, 2^53+1, 2^63±1, 2^64-1) often. */
export function arbTransactionHash(): fc.Arbitrary<bigint> {
  return fc.oneof(fc.constantFrom(...EDGE_TRANSACTION_HASHES), fc.bigInt({ min: 0n, max: MAX_TRANSACTION_HASH }));
}

export function arbUuid(): fc.Arbitrary<string> {
  return fc.uuid({ version: 4 });
}

export function arbRuleId(): fc.Arbitrary<string> {
  return fc.stringMatching(/^rule_[0-9a-f]{8}$/);
}

const opt = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

export function arbAccount(): fc.Arbitrary<Account> {
  return fc
    .record({
      accountId: arbUuid(),
      accountName: arbUnicodeText(100, 1),
      accountType: fc.constantFrom(...ACCOUNT_TYPES),
      institution: opt(arbUnicodeText(100)),
      balance: opt(arbDecimalString()),
      currency: opt(fc.constantFrom(...CURRENCIES)),
      notes: opt(arbUnicodeText(1000)),
      isActive: fc.boolean(),
      firstTransactionDate: opt(arbDateOnly()),
      lastTransactionDate: opt(arbDateOnly()),
      importsStartDate: opt(arbTimestamp()),
      importsEndDate: opt(arbTimestamp()),
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
      confirmedAt: opt(arbTimestamp()),
      ruleId: opt(arbRuleId()),
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
      balance: opt(arbDecimalString()),
      importOrder: opt(fc.integer({ min: 0, max: 100_000 })),
      transactionType: opt(arbUnicodeText(50, 1)),
      memo: opt(arbUnicodeText(1000)),
      checkNumber: opt(arbUnicodeText(50)),
      fitId: opt(arbUnicodeText(100)),
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
      amountMin: opt(arbDecimalString({ nonNegative: true })),
      amountMax: opt(arbDecimalString({ nonNegative: true })),
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
      icon: opt(fc.constantFrom('🍔', 'shopping-cart', 'home')),
      color: opt(fc.constantFrom('#ff0000', '#00AA88', 'teal')),
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
      transformation: opt(fc.constantFrom('DD/MM/YYYY', 'negate', 'trim')),
    })
    .map((mapping) => canonicalNested('FieldMapping', mapping));
}

export function arbFileMap(): fc.Arbitrary<FileMap> {
  return fc
    .record({
      fileMapId: arbUuid(),
      name: arbUnicodeText(255, 1),
      mappings: fc.array(arbFieldMapping(), { minLength: 1, maxLength: 3 }),
      description: opt(arbUnicodeText(1000)),
      reverseAmounts: fc.boolean(),
      createdAt: arbTimestamp(),
      updatedAt: arbTimestamp(),
    })
    .map((fileMap) => canonicalRecord('file_maps', fileMap));
}

/** File names safe for S3 keys and ZIP entries: no separators or control characters. */
export function arbFileName(): fc.Arbitrary<string> {
  return fc
    .tuple(arbUnicodeText(40, 1), fc.constantFrom('.csv', '.ofx', '.qfx', '.qif', '.pdf', '.xlsx', '.json', ''))
    // eslint-disable-next-line no-control-regex
    .map(([stem, extension]) => `${stem.replace(/[/\\\u0000-\u001f\u007f]/g, '_')}${extension}`)
    .filter((name) => name !== '.' && name !== '..');
}

export function arbTransactionFile(): fc.Arbitrary<TransactionFile> {
  return fc
    .record({
      fileId: arbUuid(),
      fileName: arbFileName(),
      uploadDate: arbTimestamp(),
      fileSize: fc.integer({ min: 0, max: 50_000_000 }),
      processingStatus: fc.constantFrom(...PROCESSING_STATUSES),
      processedDate: opt(arbTimestamp()),
      fileFormat: fc.constantFrom(...FILE_FORMATS),
      recordCount: opt(fc.nat({ max: 10_000 })),
      dateRange: opt(fc.tuple(arbDateOnly(), arbDateOnly()).map(([a, b]) => ({ startDate: Math.min(a, b), endDate: Math.max(a, b) }))),
      errorMessage: opt(arbUnicodeText(200)),
      openingBalance: opt(arbDecimalString()),
      closingBalance: opt(arbDecimalString()),
      currency: opt(fc.constantFrom(...CURRENCIES)),
      duplicateCount: opt(fc.nat({ max: 1000 })),
      transactionCount: opt(fc.nat({ max: 10_000 })),
      createdAt: arbTimestamp(),
      updatedAt: arbTimestamp(),
    })
    .map((file) => canonicalRecord('transaction_files', { ...file, s3Key: `source-user/${file.fileId}/${file.fileName}` }));
}

/** JSON numbers as the reader keeps them: integers beyond 2^64, decimals, exponent forms. */
export function arbJsonNumber(): fc.Arbitrary<JsonNumber> {
  return fc
    .oneof(
      fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
      arbDecimalString().filter((text) => /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)),
      fc.constantFrom('18446744073709551615', '-0', '1.50', '1e-05', '2.5E+10'),
    )
    .map((text) => new JsonNumber(text));
}

/** A free analytics map (two levels deep) with JsonNumber values. */
export function arbAnalyticsData(): fc.Arbitrary<PackageJsonObject> {
  const key = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 });
  const leaf: fc.Arbitrary<PackageJsonValue> = fc.oneof(arbUnicodeText(20), fc.boolean(), fc.constant(null), arbJsonNumber());
  const value: fc.Arbitrary<PackageJsonValue> = fc.oneof(
    { arbitrary: leaf, weight: 4 },
    fc.array(leaf, { maxLength: 3 }),
    fc.dictionary(key, leaf, { maxKeys: 3 }),
  );
  return fc.dictionary(key, value, { maxKeys: 4 });
}

export function arbTimePeriod(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant('overall'),
    fc.integer({ min: 2000, max: 2099 }).map(String),
    fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
    fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`),
  );
}

export function arbAnalytics(): fc.Arbitrary<AnalyticsRecord> {
  return fc
    .record({
      analyticType: fc.constantFrom(...ANALYTIC_TYPES),
      timePeriod: arbTimePeriod(),
      accountId: opt(arbUuid()),
      data: arbAnalyticsData(),
      computed: arbTimestamp(),
      pythonStyle: fc.boolean(),
      withThroughDate: fc.boolean(),
      ttl: opt(fc.integer({ min: 0, max: MAX_TIMESTAMP_MS / 1000 })),
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
