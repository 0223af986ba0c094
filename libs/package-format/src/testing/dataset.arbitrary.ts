import fc from 'fast-check';

import type { Account } from '../entities/account.schema';
import type { AnalyticsRecord } from '../entities/analytics.schema';
import type { Category } from '../entities/category.schema';
import { analyticsKey } from '../entities/entity-id';
import type { EntityDataset } from '../entities/entity-records';
import { canonicalRecord } from '../entities/field-order';
import type { FileMap } from '../entities/file-map.schema';
import type { TransactionFile } from '../entities/transaction-file.schema';
import type { CategoryAssignment, Transaction } from '../entities/transaction.schema';
import {
  arbAccount,
  arbAnalytics,
  arbCategory,
  arbFileMap,
  arbTransaction,
  arbTransactionFile,
  arbUuid,
  withDerivedFields,
} from './arbitraries';
import { EDGE_ACCOUNT_ID, EDGE_AMOUNT, EDGE_DATE, EDGE_HASH_TRANSACTIONS } from './edge-cases';

/** Size limits of arbDataset; small defaults keep property tests fast. */
export interface DatasetConstraints {
  /** Default 3. */
  maxAccounts?: number;
  /** Default 2. */
  maxFileMaps?: number;
  /** Default 3. */
  maxTransactionFiles?: number;
  /** Default 8. */
  maxTransactions?: number;
  /** Default 6 (hierarchies up to 3 levels). */
  maxCategories?: number;
  /** Default 2. */
  maxRulesPerCategory?: number;
  /** Default 3. */
  maxAnalytics?: number;
  /**
   * Add the edge records (an account with fixed ID EDGE_ACCOUNT_ID, its file, and transactions
   * whose computed hashes are just below 2^53, around 2^63 and within 2^42 of 2^64):
   * 'sometimes' (default), 'always' or 'never'.
   */
  edgeRecords?: 'sometimes' | 'always' | 'never';
  /** Records carry a source userId, like HouseF3's own backups (default false). */
  withUserId?: boolean;
}

/** Maximum depth of generated category trees. */
const MAX_CATEGORY_DEPTH = 3;

const ref = fc.option(fc.nat(), { nil: undefined });

interface Blueprint {
  idBase: string;
  userId: string;
  edge: boolean;
  accounts: [Account, number | undefined][];
  fileMaps: [FileMap, number | undefined][];
  files: [TransactionFile, number | undefined, number | undefined][];
  categories: [Category, number | undefined][];
  transactions: [Transaction, number, number, [number, number | undefined][], number | undefined][];
  analytics: [AnalyticsRecord, number | undefined][];
}

/**
 * A referentially consistent dataset: every reference (transaction -> account, file, categories
 * and rules; file -> account, file map; file map -> account; account -> default file map;
 * category -> parent, parents first, at most 3 levels; analytics -> account) points inside it,
 * IDs are unique, statusDate and transactionHash are correct, analytics keys are unique.
 * Across runs it meets every enum value, unicode text, edge amounts and hashes near 2^64.
 */
export function arbDataset(constraints: DatasetConstraints = {}): fc.Arbitrary<EntityDataset> {
  const edge = constraints.edgeRecords ?? 'sometimes';
  const blueprint: fc.Arbitrary<Blueprint> = fc.record({
    idBase: arbUuid(),
    userId: arbUuid(),
    edge: edge === 'sometimes' ? fc.boolean() : fc.constant(edge === 'always'),
    accounts: fc.array(fc.tuple(arbAccount(), ref), { maxLength: constraints.maxAccounts ?? 3 }),
    fileMaps: fc.array(fc.tuple(arbFileMap(), ref), { maxLength: constraints.maxFileMaps ?? 2 }),
    files: fc.array(fc.tuple(arbTransactionFile(), ref, ref), { maxLength: constraints.maxTransactionFiles ?? 3 }),
    categories: fc.array(fc.tuple(arbCategory({ maxRules: constraints.maxRulesPerCategory ?? 2 }), ref), {
      maxLength: constraints.maxCategories ?? 6,
    }),
    transactions: fc.array(fc.tuple(arbTransaction(), fc.nat(), fc.nat(), fc.array(fc.tuple(fc.nat(), ref), { maxLength: 2 }), ref), {
      maxLength: constraints.maxTransactions ?? 8,
    }),
    analytics: fc.array(fc.tuple(arbAnalytics(), ref), { maxLength: constraints.maxAnalytics ?? 3 }),
  });
  return blueprint.map((plan) => assemble(plan, constraints.withUserId ?? false));
}

/** IDs unique within a dataset: the base UUID with its last 12 hex digits replaced by (tag, index). */
function idMaker(base: string): (tag: number, index: number) => string {
  return (tag, index) => `${base.slice(0, 24)}${tag.toString(16).padStart(2, '0')}${index.toString(16).padStart(10, '0')}`;
}

function pick<T>(items: readonly T[], index: number | undefined): T | undefined {
  return index === undefined || items.length === 0 ? undefined : items[index % items.length];
}

function assemble(plan: Blueprint, withUserId: boolean): EntityDataset {
  const id = idMaker(plan.idBase);
  const owner = withUserId ? { userId: plan.userId } : {};
  const fileMapIds = plan.fileMaps.map((_, i) => id(2, i));
  const accounts = plan.accounts.map(([account, mapRef], i) =>
    canonicalRecord('accounts', { ...account, ...owner, accountId: id(1, i), defaultFileMapId: pick(fileMapIds, mapRef) }),
  );
  const accountIds = accounts.map((a) => a.accountId);
  const fileMaps = plan.fileMaps.map(([fileMap, accountRef], i) =>
    canonicalRecord('file_maps', { ...fileMap, ...owner, fileMapId: fileMapIds[i], accountId: pick(accountIds, accountRef) }),
  );
  const files = plan.files.map(([file, accountRef, mapRef], i) => {
    const fileId = id(3, i);
    return canonicalRecord('transaction_files', {
      ...file,
      ...owner,
      fileId,
      s3Key: `${withUserId ? plan.userId : 'source-user'}/${fileId}/${file.fileName}`,
      accountId: pick(accountIds, accountRef),
      fileMapId: pick(fileMapIds, mapRef),
    });
  });
  const categories = assembleCategories(plan, id, owner);
  const transactions = assembleTransactions(plan, id, owner, accounts, files, categories);
  const analytics = assembleAnalytics(plan, owner, accountIds);
  if (plan.edge) addEdgeRecords({ accounts, transaction_files: files, transactions }, id, owner, withUserId ? plan.userId : 'source-user');
  return { categories, file_maps: fileMaps, accounts, transaction_files: files, transactions, analytics, user_preferences: [], recurring_charge_patterns: [], recurring_charge_predictions: [], pattern_feedback: [] };
}

function assembleCategories(plan: Blueprint, id: (tag: number, index: number) => string, owner: { userId?: string }): Category[] {
  const depths: number[] = [];
  const categories: Category[] = [];
  plan.categories.forEach(([category, parentRef], i) => {
    const candidates = categories.filter((_, j) => depths[j] < MAX_CATEGORY_DEPTH);
    const parent = pick(candidates, parentRef);
    depths.push(parent ? depths[categories.indexOf(parent)] + 1 : 1);
    categories.push(canonicalRecord('categories', { ...category, ...owner, categoryId: id(4, i), parentCategoryId: parent?.categoryId }));
  });
  return categories;
}

function assembleTransactions(
  plan: Blueprint,
  id: (tag: number, index: number) => string,
  owner: { userId?: string },
  accounts: Account[],
  files: TransactionFile[],
  categories: Category[],
): Transaction[] {
  if (accounts.length === 0 || files.length === 0) return [];
  return plan.transactions.map(([transaction, fileRef, accountRef, assignmentRefs, primaryRef], i) => {
    const file = files[fileRef % files.length];
    const accountId = file.accountId ?? accounts[accountRef % accounts.length].accountId;
    const assignments: CategoryAssignment[] = [];
    for (const [categoryRef, ruleRef] of assignmentRefs) {
      const category = pick(categories, categoryRef);
      if (!category || assignments.some((a) => a.categoryId === category.categoryId)) continue;
      const template = transaction.categories[assignments.length] ?? transaction.categories[0];
      if (!template) continue;
      const rule = pick(category.rules, ruleRef);
      assignments.push({ ...template, categoryId: category.categoryId, ruleId: rule?.ruleId });
    }
    const primary = pick(assignments, primaryRef);
    return withDerivedFields({
      ...transaction,
      ...owner,
      transactionId: id(5, i),
      accountId,
      fileId: file.fileId,
      categories: assignments,
      primaryCategoryId: primary?.categoryId,
    });
  });
}

function assembleAnalytics(plan: Blueprint, owner: { userId?: string }, accountIds: string[]): AnalyticsRecord[] {
  const seen = new Set<string>();
  const analytics: AnalyticsRecord[] = [];
  for (const [record, accountRef] of plan.analytics) {
    const placed = canonicalRecord('analytics', { ...record, ...owner, accountId: pick(accountIds, accountRef) });
    const key = analyticsKey(placed);
    if (seen.has(key)) continue;
    seen.add(key);
    analytics.push(placed);
  }
  return analytics;
}

function addEdgeRecords(
  target: Pick<EntityDataset, 'accounts' | 'transaction_files' | 'transactions'>,
  id: (tag: number, index: number) => string,
  owner: { userId?: string },
  keyOwner: string,
): void {
  const fileId = id(0xee, 1);
  target.accounts.push(
    canonicalRecord('accounts', {
      accountId: EDGE_ACCOUNT_ID,
      ...owner,
      accountName: 'Edge cases',
      accountType: 'other',
      balance: '-0.00',
      currency: 'other',
      isActive: false,
      createdAt: 0,
      updatedAt: Number.MAX_SAFE_INTEGER,
    }),
  );
  target.transaction_files.push(
    canonicalRecord('transaction_files', {
      fileId,
      ...owner,
      fileName: 'edge ☃.qif',
      uploadDate: EDGE_DATE,
      fileSize: 0,
      s3Key: `${keyOwner}/${fileId}/edge ☃.qif`,
      processingStatus: 'needs_mapping',
      fileFormat: 'qif',
      accountId: EDGE_ACCOUNT_ID,
      createdAt: EDGE_DATE,
      updatedAt: EDGE_DATE,
    }),
  );
  EDGE_HASH_TRANSACTIONS.forEach(({ description }, i) => {
    target.transactions.push(
      withDerivedFields({
        transactionId: id(0xee, 0x100 + i),
        ...owner,
        accountId: EDGE_ACCOUNT_ID,
        fileId,
        date: EDGE_DATE,
        description,
        amount: EDGE_AMOUNT,
        currency: 'other',
        status: i % 2 === 0 ? 'new' : 'duplicate',
        statusDate: '',
        transactionHash: 0n,
        categories: [],
        createdAt: EDGE_DATE,
        updatedAt: EDGE_DATE,
      }),
    );
  });
}
