import type { Item } from '../user-data.reader';
import { canonicalJson, encodeEntityFile, EntityName, EntityRecordOf, recordKeyOrder, validateRecord } from '@housef3/package-format';
import { fromItem } from '@housef3/data-model';

/**
 * A stored DynamoDB item as a validated package record: decoded with HouseF3's type of each
 * field (libs/data-model codec), then validated as the package requires. `problems` says what
 * stops a record from being exported as it is.
 */
export function decodeStoredRecord<E extends EntityName>(entity: E, item: Item): { record?: EntityRecordOf<E>; problems: string[] } {
  const decoded = fromItem(entity, item);
  // A value of an unexpected DynamoDB type is decoded as found and judged by validateRecord;
  // anything that would be lost or changed (unknown attributes, unreadable values) stops the export.
  const problems: string[] = [];
  for (const i of decoded.issues) if (i.code !== 'unexpected_type') problems.push(`${entity} ${i.attribute}: ${i.message}`);
  // a transactionHash that does not match its fields is only a warning, and kept as stored:
  // recomputing it (a sha256 per transaction) would change nothing the export writes
  const { record, issues } = validateRecord(entity, decoded.raw, { checkTransactionHash: false });
  for (const i of issues) if (i.severity === 'error') problems.push(`${entity} ${i.id ?? '?'}: ${i.field}: ${i.message}`);
  return problems.length || !record ? { problems } : { record, problems };
}

/** Why a stored record stops the export (EXPORT_INVALID_RECORD's message): its first five problems. */
export function invalidRecordMessage(entity: EntityName, problems: readonly string[]): string {
  return `a stored ${entity} record cannot be exported as it is: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`;
}

/** The text of `data/<entity>.json`, record by record, in the package's canonical form. */
export function stageEntityText<E extends EntityName>(entity: E, records: AsyncIterable<EntityRecordOf<E>>): AsyncGenerator<Buffer> {
  const order = recordKeyOrder(entity);
  return encodeEntityFile(entity, records, (r) => canonicalJson(r, order)) as AsyncGenerator<Buffer>;
}

/**
 * A page of stored transactions as package text: each item decoded and validated as
 * decodeStoredRecord does, in canonical JSON, `,\n` between two records (frameEntityFile puts the
 * pages together into the same bytes stageEntityText gives). Also the files the page's
 * transactions reference. The first item that cannot be exported ends the page with its problems.
 */
export type EncodedPage = { ok: true; text: string; count: number; fileIds: string[] } | { ok: false; problems: string[] };

export function encodeTransactionPage(items: readonly Item[]): EncodedPage {
  const order = recordKeyOrder('transactions');
  let text = '';
  const fileIds = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const { record, problems } = decodeStoredRecord('transactions', items[i] as Item);
    if (!record) return { ok: false, problems };
    fileIds.add(record.fileId);
    text += (i === 0 ? '' : ',\n') + canonicalJson(record, order);
  }
  return { ok: true, text, count: items.length, fileIds: [...fileIds] };
}

/** The items that belong to `userId` (an index may hold others'), the same array when all do. */
export function ownItems<T extends { userId?: { S?: string } }>(items: T[], userId: string): T[] {
  return items.every((item) => item.userId?.S === userId) ? items : items.filter((item) => item.userId?.S === userId);
}

/**
 * A Query response of the user's transactions (DynamoDB's JSON text, unparsed until here) as
 * package text: its items that belong to `userId` (an index may hold others': they are dropped),
 * encoded by encodeTransactionPage, and the key to read the next page from (its JSON text), if
 * any.
 */
export function encodeTransactionResponse(text: string, userId: string): { page: EncodedPage; lastKey?: string } {
  const response = JSON.parse(text) as { Items?: Item[]; LastEvaluatedKey?: Item };
  const items = response.Items ?? [];
  const page = encodeTransactionPage(ownItems(items, userId));
  return response.LastEvaluatedKey === undefined ? { page } : { page, lastKey: JSON.stringify(response.LastEvaluatedKey) };
}
