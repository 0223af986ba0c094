import { computeTransactionHash } from '../hash/transaction-hash';
import { userId } from './common-fields';
import type { FieldCursor } from './field-cursor';
import {
  CATEGORY_ASSIGNMENT_STATUSES,
  CURRENCIES,
  CategoryAssignmentStatus,
  Currency,
  TRANSACTION_STATUSES,
  TransactionStatus,
} from './enums';
import { boolean, decimal, enumOf, integer, ruleId, text, timestampMs, uint64, uuid } from './field-kinds';
import { ObjectSpec, derived, list, object, optional, required } from './object-spec';
import { describeText } from './validation-issue';

/** A category assigned to a transaction (suggested by a rule or confirmed by the user). */
export interface CategoryAssignment {
  categoryId: string;
  /** Whole number 0-100. */
  confidence: number;
  status: CategoryAssignmentStatus;
  isManual: boolean;
  assignedAt: number;
  confirmedAt?: number;
  ruleId?: string;
}

/** A transaction (HouseF3 `transactions` table). */
export interface Transaction {
  transactionId: string;
  /** Source owner as found in the package, if any; import always replaces it. */
  userId?: string;
  accountId: string;
  /** Every transaction belongs to a TransactionFile. */
  fileId: string;
  /** Epoch ms, midnight UTC. */
  date: number;
  description: string;
  /** Decimal string; HouseF3 stores it as N. */
  amount: string;
  currency: Currency;
  /** Running balance, decimal string; stored as N. */
  balance?: string;
  importOrder?: number;
  transactionType?: string;
  memo?: string;
  checkNumber?: string;
  fitId?: string;
  status: TransactionStatus;
  /** `${status}#${date}`: derived when absent from the package, must match when present. */
  statusDate: string;
  /** Unsigned 64-bit dedup key; computed (with a warning) when absent from the package. */
  transactionHash: bigint;
  categories: CategoryAssignment[];
  primaryCategoryId?: string;
  createdAt: number;
  updatedAt: number;
}

export const CATEGORY_ASSIGNMENT_SPEC: ObjectSpec<CategoryAssignment> = {
  typeName: 'CategoryAssignment',
  fields: {
    categoryId: required(uuid()),
    confidence: required(integer(0, 100)),
    status: required(enumOf(CATEGORY_ASSIGNMENT_STATUSES)),
    isManual: required(boolean()),
    assignedAt: required(timestampMs()),
    confirmedAt: optional(timestampMs()),
    ruleId: optional(ruleId()),
  },
};

/** The statusDate HouseF3 derives and indexes (AccountStatusDateIndex). */
export function deriveStatusDate(status: TransactionStatus, date: number): string {
  return `${status}#${date}`;
}

export const TRANSACTION_SPEC: ObjectSpec<Transaction> = {
  typeName: 'Transaction',
  fields: {
    transactionId: required(uuid()),
    userId: optional(userId()),
    accountId: required(uuid()),
    fileId: required(uuid()),
    date: required(timestampMs()),
    description: required(text({ maxLength: 1000 })),
    amount: required(decimal()),
    currency: required(enumOf(CURRENCIES)),
    balance: optional(decimal()),
    importOrder: optional(integer(0, Number.MAX_SAFE_INTEGER)),
    // A GSI key (TransactionTypeIndex): DynamoDB refuses an empty string there.
    transactionType: optional(text({ minLength: 1, maxLength: 50 })),
    memo: optional(text({ maxLength: 1000 })),
    checkNumber: optional(text({ maxLength: 50 })),
    fitId: optional(text({ maxLength: 100 })),
    status: required(enumOf(TRANSACTION_STATUSES)),
    statusDate: derived(text({ minLength: 1, maxLength: 100, allowed: 'status#date, like "new#1704067200000"' })),
    transactionHash: derived(uint64()),
    categories: required(list(object(CATEGORY_ASSIGNMENT_SPEC))),
    primaryCategoryId: optional(uuid()),
    createdAt: required(timestampMs()),
    updatedAt: required(timestampMs()),
  },
  check(transaction, at, raw) {
    checkStatusDate(transaction, at, raw);
    checkTransactionHash(transaction, at, raw);
  },
};

function checkStatusDate(transaction: Partial<Transaction>, at: FieldCursor, raw: Readonly<Record<string, unknown>>): void {
  if (transaction.status === undefined || transaction.date === undefined) return;
  const expected = deriveStatusDate(transaction.status, transaction.date);
  if (raw.statusDate == null) {
    transaction.statusDate = expected;
  } else if (transaction.statusDate !== undefined && transaction.statusDate !== expected) {
    at.field('statusDate').error(
      'inconsistent',
      `found ${describeText(transaction.statusDate)}; required: "${expected}" (status#date, derived from this record's status and date)`,
    );
  }
}

function checkTransactionHash(
  transaction: Partial<Transaction>,
  at: FieldCursor,
  raw: Readonly<Record<string, unknown>>,
): void {
  const { accountId, date, amount, description } = transaction;
  if (accountId === undefined || date === undefined || amount === undefined || description === undefined) return;
  const cursor = at.field('transactionHash');
  if (raw.transactionHash == null) {
    transaction.transactionHash = computeTransactionHash(accountId, date, amount, description);
    cursor.warning('hash_computed', `is missing; computed ${transaction.transactionHash} from accountId, date, amount and description`);
    return;
  }
  if (transaction.transactionHash === undefined || !at.collector.checkTransactionHash) return;
  const expected = computeTransactionHash(accountId, date, amount, description);
  if (expected !== transaction.transactionHash) {
    cursor.warning(
      'hash_mismatch',
      `found ${transaction.transactionHash}, but accountId, date, amount and description hash to ${expected}; HouseF3 deduplicates on the stored value`,
    );
  }
}
