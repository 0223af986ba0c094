import type { Readable } from 'node:stream';
import type { EntityName, EntityRecordOf } from '../../src/entities';
import type { PackageReader } from '../../src/reader/package-reader';

export async function collectBytes(stream: Readable | AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every record of an entity, failing the test on any issue. */
export async function collectRecords<E extends EntityName>(reader: PackageReader, entity: E): Promise<EntityRecordOf<E>[]> {
  const records: EntityRecordOf<E>[] = [];
  for await (const item of reader.records(entity)) {
    if (item.record === undefined || item.issues.length > 0) throw new Error(`${entity}[${item.index}]: ${item.issues.map((i) => i.message).join('; ')}`);
    records.push(item.record);
  }
  return records;
}
