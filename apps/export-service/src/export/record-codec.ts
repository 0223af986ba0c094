import { Item } from './user-data.reader';
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

/** The text of `data/<entity>.json`, record by record, in the package's canonical form. */
export function stageEntityText<E extends EntityName>(entity: E, records: AsyncIterable<EntityRecordOf<E>>): AsyncGenerator<Buffer> {
  const order = recordKeyOrder(entity);
  return encodeEntityFile(entity, records, (r) => canonicalJson(r, order)) as AsyncGenerator<Buffer>;
}
