import { createHash } from 'node:crypto';
import type { Account, Category, Transaction, TransactionFile } from '../src/entities';
import { computeTransactionHash } from '../src/hash';

/** Deterministic pseudo-UUIDv4 from a tag and a number (fast; no randomness). */
export function benchUuid(tag: string, n: number): string {
  const hex = createHash('sha1').update(`${tag}:${n}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const BENCH_ACCOUNTS = 10;
export const BENCH_FILES = 100;
export const BENCH_FILE_BYTES = 64 * 1024;
const DAY = 86_400_000;
const START = 1_577_836_800_000;
const WORDS = ['COFFEE SHOP', 'SAINSBURYS.CO.UK', 'AMAZON MKTPLACE', 'SALARY ACME LTD', 'RENT', 'TFL TRAVEL', 'NETFLIX.COM', 'CORNER STORE'];

export function benchAccounts(): Account[] {
  return Array.from({ length: BENCH_ACCOUNTS }, (_, i) => ({
    accountId: benchUuid('account', i),
    accountName: `Account ${i}`,
    accountType: 'checking',
    institution: 'Bench Bank',
    balance: '1000.00',
    currency: 'GBP',
    isActive: true,
    createdAt: START,
    updatedAt: START,
  }));
}

export function benchCategories(): Category[] {
  return Array.from({ length: 50 }, (_, i) => ({
    categoryId: benchUuid('category', i),
    name: `Category ${i}`,
    type: i % 5 === 0 ? 'INCOME' : 'EXPENSE',
    inheritParentRules: true,
    ruleInheritanceMode: 'additive',
    rules: [],
    createdAt: START,
    updatedAt: START,
  }));
}

export function benchTransactionFiles(): TransactionFile[] {
  return Array.from({ length: BENCH_FILES }, (_, i) => ({
    fileId: benchUuid('file', i),
    fileName: `statement-${i}.csv`,
    uploadDate: START,
    fileSize: BENCH_FILE_BYTES,
    s3Key: `bench-user/${benchUuid('file', i)}/statement-${i}.csv`,
    processingStatus: 'processed',
    fileFormat: 'csv',
    accountId: benchUuid('account', i % BENCH_ACCOUNTS),
    createdAt: START,
    updatedAt: START,
  }));
}

/** `count` transactions, generated one at a time (never held in memory). */
export function* benchTransactions(count: number): Generator<Transaction> {
  for (let i = 0; i < count; i++) {
    const accountId = benchUuid('account', i % BENCH_ACCOUNTS);
    const date = START + (i % 1500) * DAY;
    const amount = `${i % 3 === 0 ? '' : '-'}${(i % 100000) / 100}`.replace(/^(-?\d+)$/, '$1.00');
    const description = `${WORDS[i % WORDS.length]} ${i}`;
    yield {
      transactionId: benchUuid('tx', i),
      accountId,
      fileId: benchUuid('file', i % BENCH_FILES),
      date,
      description,
      amount,
      currency: 'GBP',
      balance: '1000.00',
      importOrder: i,
      status: 'new',
      statusDate: `new#${date}`,
      transactionHash: computeTransactionHash(accountId, date, amount, description),
      categories: [{ categoryId: benchUuid('category', i % 50), confidence: 90, status: 'suggested', isManual: false, assignedAt: START }],
      primaryCategoryId: benchUuid('category', i % 50),
      createdAt: START,
      updatedAt: START,
    };
  }
}

/** The bytes of one original file, produced in 16 KiB chunks. */
export function* benchFileBytes(index: number): Generator<Buffer> {
  const line = Buffer.from(`2024-01-${String((index % 28) + 1).padStart(2, '0')},BENCH PAYEE ${index},-12.34\n`);
  const chunk = Buffer.alloc(16 * 1024);
  for (let i = 0; i < chunk.length; i++) chunk[i] = line[i % line.length] as number;
  for (let written = 0; written < BENCH_FILE_BYTES; written += chunk.length) yield chunk;
}
