import { createHash } from 'node:crypto';
import { computeTransactionHash, type EntityName, type EntityRecordOf, type EntityRecords } from '@housef3/package-format';

/*
 * ID remapping without stored state. Every new ID is a pure function of (importId, entity, old
 * ID): the saga can transform records chunk by chunk, in any order, in any number of workers, and
 * after a crash it recomputes exactly the IDs it wrote before (so compensation finds them and a
 * resumed step overwrites its own half-written chunk instead of duplicating it). Nothing is
 * stored: no mapping table to lose, no memory that grows with the package.
 *
 * A reference is rewritten with the function of the entity it points to (transaction.accountId
 * uses newIdFor(importId, 'accounts', old)), so the record and every reference to it always agree.
 * Two imports of the same package (two importIds) get disjoint IDs: importing a backup twice with
 * remapIds makes two copies, as asked.
 */

/**
 * The new ID of a record: a lower-case UUID (version 4 and RFC 4122 variant bits set, so HouseF3
 * and our validation accept it) made of the first 16 bytes of sha256(`${importId}|${entity}|${oldId}`).
 * 122 bits: collisions are as unlikely as between random uuid4s.
 */
export function newIdFor(importId: string, entity: EntityName, oldId: string): string {
  const bytes = digest(`${importId}|${entity}|${oldId}`).subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The new ID of a category rule: `rule_` + 8 hex digits of sha256(`${importId}|rule|${oldRuleId}`),
 * HouseF3's format. The same old rule ID gets the same new one in its category and in every
 * assignment that names it.
 */
export function newRuleIdFor(importId: string, oldRuleId: string): string {
  return `rule_${digest(`${importId}|rule|${oldRuleId}`).toString('hex').slice(0, 8)}`;
}

/** Where a restored original file lives: HouseF3's key `{userId}/{fileId}/{fileName}` in the file-storage bucket. */
export function targetFileKey(userId: string, fileId: string, fileName: string): string {
  return `${userId}/${fileId}/${fileName}`;
}

export interface RecordTransformContext {
  importId: string;
  /** The importing user: restored original files go under their prefix. */
  userId: string;
  remapIds: boolean;
}

type Transform<E extends EntityName> = (record: EntityRecords[E], ids: IdMapper) => EntityRecords[E];

/**
 * A record of the package as it is to be written for the importing user:
 * - the package's `userId` is dropped (the writer sets the importing user's);
 * - TransactionFile.s3Key becomes `${userId}/${fileId}/${fileName}` (with the new fileId when
 *   remapped), always: the bytes are restored under the importing user's prefix;
 * - with remapIds, the record's own ID and every reference (accountId, fileId, fileMapId,
 *   defaultFileMapId, categoryId, parentCategoryId, primaryCategoryId, assignment categoryId) get
 *   newIdFor(...) of the entity they name, rule IDs and assignment ruleIds newRuleIdFor(...), and
 *   transactionHash is recomputed from the new accountId (HouseF3 deduplicates on it per account);
 * - without remapIds, every ID and transactionHash are kept exactly as in the package (a hash
 *   beyond 2^63, or one that does not match its fields, included).
 * Pure and deterministic; the input is not modified; key order is kept.
 */
export function transformForImport<E extends EntityName>(entity: E, record: EntityRecordOf<E>, ctx: RecordTransformContext): EntityRecordOf<E> {
  if (ctx.remapIds && ctx.importId.length === 0) throw new TypeError('transformForImport: remapping needs the importId');
  const { userId: _packageUserId, ...owned } = record as EntityRecords[EntityName] & { userId?: string };
  const transform = TRANSFORMS[entity] as Transform<E>;
  return transform(owned as EntityRecords[E], new IdMapper(ctx));
}

class IdMapper {
  constructor(readonly ctx: RecordTransformContext) {}

  id(entity: EntityName, oldId: string): string {
    return this.ctx.remapIds ? newIdFor(this.ctx.importId, entity, oldId) : oldId;
  }

  /** An optional reference: absent stays absent. */
  ref(entity: EntityName, oldId: string | undefined): string | undefined {
    return oldId === undefined ? undefined : this.id(entity, oldId);
  }

  rule(oldRuleId: string): string {
    return this.ctx.remapIds ? newRuleIdFor(this.ctx.importId, oldRuleId) : oldRuleId;
  }
}

/** `{...record, ...changes}` without adding keys for unset optional fields (key order kept). */
function withChanges<T extends object>(record: T, changes: { [K in keyof T]?: T[K] | undefined }): T {
  const out = { ...record };
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

const TRANSFORMS: { [E in EntityName]: Transform<E> } = {
  categories: (category, ids) =>
    withChanges(category, {
      categoryId: ids.id('categories', category.categoryId),
      parentCategoryId: ids.ref('categories', category.parentCategoryId),
      rules: category.rules.map((rule) => ({ ...rule, ruleId: ids.rule(rule.ruleId) })),
    }),
  file_maps: (fileMap, ids) =>
    withChanges(fileMap, {
      fileMapId: ids.id('file_maps', fileMap.fileMapId),
      accountId: ids.ref('accounts', fileMap.accountId),
    }),
  accounts: (account, ids) =>
    withChanges(account, {
      accountId: ids.id('accounts', account.accountId),
      defaultFileMapId: ids.ref('file_maps', account.defaultFileMapId),
    }),
  transaction_files: (file, ids) => {
    const fileId = ids.id('transaction_files', file.fileId);
    return withChanges(file, {
      fileId,
      accountId: ids.ref('accounts', file.accountId),
      fileMapId: ids.ref('file_maps', file.fileMapId),
      s3Key: targetFileKey(ids.ctx.userId, fileId, file.fileName),
    });
  },
  transactions: (transaction, ids) => {
    const accountId = ids.id('accounts', transaction.accountId);
    return withChanges(transaction, {
      transactionId: ids.id('transactions', transaction.transactionId),
      accountId,
      fileId: ids.id('transaction_files', transaction.fileId),
      primaryCategoryId: ids.ref('categories', transaction.primaryCategoryId),
      categories: transaction.categories.map((assignment) =>
        withChanges(assignment, { categoryId: ids.id('categories', assignment.categoryId), ruleId: assignment.ruleId === undefined ? undefined : ids.rule(assignment.ruleId) }),
      ),
      transactionHash: ids.ctx.remapIds ? computeTransactionHash(accountId, transaction.date, transaction.amount, transaction.description) : transaction.transactionHash,
    });
  },
  analytics: (record, ids) => withChanges(record, { accountId: ids.ref('accounts', record.accountId) }),
  user_preferences: (preferences) => ({ ...preferences }),
  recurring_charge_patterns: (pattern, ids) =>
    withChanges(pattern, {
      patternId: ids.id('recurring_charge_patterns', pattern.patternId),
      suggestedCategoryId: ids.ref('categories', pattern.suggestedCategoryId),
      matchedTransactionIds: pattern.matchedTransactionIds?.map((id) => ids.id('transactions', id)),
    }),
  // a prediction is the pattern's: its identity is the pattern's (new) id
  recurring_charge_predictions: (prediction, ids) => withChanges(prediction, { patternId: ids.id('recurring_charge_patterns', prediction.patternId) }),
  pattern_feedback: (feedback, ids) =>
    withChanges(feedback, {
      feedbackId: ids.id('pattern_feedback', feedback.feedbackId),
      patternId: ids.id('recurring_charge_patterns', feedback.patternId),
      transactionId: ids.ref('transactions', feedback.transactionId),
    }),
};

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
