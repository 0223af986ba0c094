/**
 * HouseF3's real DynamoDB tables (housef3-data-model.md) and the two job tables of the design
 * document, exactly as deployed: key schema, attribute types and GSIs. The local stack creates
 * them from this list; the services address them through tableNames().
 */
export type KeyType = 'S' | 'N';

export interface KeyAttribute {
  name: string;
  type: KeyType;
}

export interface IndexSpec {
  name: string;
  hash: KeyAttribute;
  range?: KeyAttribute;
}

export interface TableSpec {
  /** name = `${prefix}-${suffix}` */
  suffix: string;
  hash: KeyAttribute;
  range?: KeyAttribute;
  indexes: readonly IndexSpec[];
  /** DynamoDB TTL attribute (epoch seconds), when the table has one */
  ttlAttribute?: string;
}

const S = (name: string): KeyAttribute => ({ name, type: 'S' });
const N = (name: string): KeyAttribute => ({ name, type: 'N' });
const gsi = (name: string, hash: KeyAttribute, range?: KeyAttribute): IndexSpec => (range ? { name, hash, range } : { name, hash });

export const ENTITY_TABLES = {
  accounts: { suffix: 'accounts', hash: S('accountId'), indexes: [gsi('UserIdIndex', S('userId'), N('createdAt'))] },
  transactions: {
    suffix: 'transactions',
    hash: S('transactionId'),
    indexes: [
      gsi('UserIdIndex', S('userId'), N('date')),
      gsi('AccountDateIndex', S('accountId'), N('date')),
      gsi('FileIdIndex', S('fileId')),
      gsi('ImportOrderIndex', S('fileId'), N('importOrder')),
      gsi('TransactionHashIndex', S('accountId'), N('transactionHash')),
      gsi('AccountStatusDateIndex', S('accountId'), S('statusDate')),
      gsi('CategoryDateIndex', S('primaryCategoryId'), N('date')),
      gsi('StatusIndex', S('status')),
      gsi('StatusDateIndex', S('status'), N('date')),
      gsi('TransactionTypeIndex', S('transactionType'), N('date')),
      gsi('AccountAmountIndex', S('accountId'), N('amount')),
      gsi('AccountBalanceIndex', S('accountId'), N('balance')),
    ],
  },
  categories: {
    suffix: 'categories',
    hash: S('categoryId'),
    indexes: [gsi('UserIdIndex', S('userId'), S('name')), gsi('UserIdParentCategoryIdIndex', S('userId'), S('parentCategoryId'))],
  },
  fileMaps: { suffix: 'file-maps', hash: S('fileMapId'), indexes: [gsi('UserIdIndex', S('userId')), gsi('AccountIdIndex', S('accountId'))] },
  transactionFiles: {
    suffix: 'transaction-files',
    hash: S('fileId'),
    indexes: [gsi('UserIdIndex', S('userId')), gsi('AccountIdIndex', S('accountId')), gsi('S3KeyIndex', S('s3Key'))],
  },
  analyticsData: {
    suffix: 'analytics-data', hash: S('pk'), range: S('sk'), indexes: [gsi('UserAnalyticsIndex', S('userId'), S('analyticType'))], ttlAttribute: 'ttl',
  },
  analyticsStatus: { suffix: 'analytics-status', hash: S('pk'), range: S('sk'), indexes: [] },
  userPreferences: { suffix: 'user-preferences', hash: S('userId'), indexes: [] },
  recurringChargePatterns: { suffix: 'recurring-charge-patterns', hash: S('userId'), range: S('patternId'), indexes: [] },
  recurringChargePredictions: { suffix: 'recurring-charge-predictions', hash: S('userId'), range: S('patternId'), indexes: [] },
  patternFeedback: { suffix: 'pattern-feedback', hash: S('userId'), range: S('feedbackId'), indexes: [] },
} as const satisfies Record<string, TableSpec>;

export const JOB_TABLES = {
  exportJobs: { suffix: 'export-jobs', hash: S('exportId'), indexes: [gsi('UserIdIndex', S('userId'), N('requestedAt'))], ttlAttribute: 'ttl' },
  importJobs: { suffix: 'import-jobs', hash: S('importId'), indexes: [gsi('UserIdIndex', S('userId'), N('uploadedAt'))], ttlAttribute: 'ttl' },
} as const satisfies Record<string, TableSpec>;

/**
 * Our own bookkeeping for running in front of every user: the append-only audit trail (per user,
 * newest first, gone after its TTL) and per-user limits (active-job slots and request-rate
 * windows, written with conditional updates so they hold across gateway replicas).
 */
export const SECURITY_TABLES = {
  auditLog: { suffix: 'audit-log', hash: S('userId'), range: S('eventKey'), indexes: [], ttlAttribute: 'ttl' },
  userLimits: { suffix: 'user-limits', hash: S('pk'), range: S('sk'), indexes: [], ttlAttribute: 'ttl' },
} as const satisfies Record<string, TableSpec>;

export const ALL_TABLES = { ...ENTITY_TABLES, ...JOB_TABLES, ...SECURITY_TABLES };
export type TableKey = keyof typeof ALL_TABLES;
export type TableNames = { [K in TableKey]: string };

/** Full table names for a prefix such as `housef3-dev` (`${project}-${env}`). */
export function tableNames(prefix: string): TableNames {
  const names = {} as TableNames;
  for (const key of Object.keys(ALL_TABLES) as TableKey[]) names[key] = `${prefix}-${ALL_TABLES[key].suffix}`;
  return names;
}

/** Bucket names for a prefix: HouseF3's file storage and our packages bucket. */
export function bucketNames(prefix: string): { fileStorage: string; packages: string } {
  return { fileStorage: `${prefix}-file-storage`, packages: `${prefix}-packages` };
}
