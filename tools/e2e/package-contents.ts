import { createHash } from 'node:crypto';
import { AttributeValue, DynamoDBClient, paginateQuery } from '@aws-sdk/client-dynamodb';
import { ENTITY_TABLE, fromItem, isKeyedByUser, tableNames } from '@housef3/data-model';
import {
  bufferSource, canonicalJson, EntityName, entityIdOf, EntityRecordOf, JsonObject, Manifest, MissingFile, openPackage, readEntityRecords, validateRecord,
} from '@housef3/package-format';

/** One record of a package: as its entity file states it (parsed, numbers as their exact text) and as the package reader validates it. */
export interface PackageEntityRecord {
  stated: JsonObject;
  record: EntityRecordOf<EntityName>;
}

export interface PackageOriginalFile {
  fileId: string;
  name: string;
  size: number;
  /** `sha256:<hex>` of the bytes read from the package (their manifest checksum verified by the reader on the way). */
  sha256: string;
}

/** What a package holds, read with libs/package-format's reader: the expectation of an import, derived from the package itself. */
export interface PackageContents {
  formatVersion: string;
  manifest: Manifest;
  records: Map<EntityName, PackageEntityRecord[]>;
  files: PackageOriginalFile[];
  missingFiles: readonly MissingFile[];
}

/**
 * Reads every entity the package has (records validated by the reader, and the same records as
 * the entity file states them) and hashes every original file. Fails on a record the reader
 * refuses: a package whose contents are expected to be restored must be valid. Small packages only.
 */
export async function readPackageContents(bytes: Buffer, name: string, entities: readonly EntityName[]): Promise<PackageContents> {
  const reader = await openPackage(bufferSource(bytes, name));
  try {
    const records = new Map<EntityName, PackageEntityRecord[]>();
    for (const entity of entities) {
      if (!reader.hasEntity(entity)) continue;
      const stated: JsonObject[] = [];
      for await (const raw of readEntityRecords(await reader.openEntry(reader.entityPath(entity)), reader.entityPath(entity), entity, reader.limits)) stated.push(raw);
      const out: PackageEntityRecord[] = [];
      for await (const { index, record, issues } of reader.records(entity)) {
        if (!record) throw new Error(`${name}: ${entity}[${index}] is refused by the reader: ${JSON.stringify(issues)}`);
        out.push({ stated: stated[index] as JsonObject, record });
      }
      if (out.length !== stated.length) throw new Error(`${name}: ${entity} states ${stated.length} records, the reader read ${out.length}`);
      records.set(entity, out);
    }
    const files: PackageOriginalFile[] = [];
    for (const file of reader.files) {
      const hash = createHash('sha256');
      for await (const chunk of await reader.openFile(file.fileId)) hash.update(chunk as Buffer);
      files.push({ fileId: file.fileId, name: file.name, size: file.size, sha256: `sha256:${hash.digest('hex')}` });
    }
    return { formatVersion: reader.formatVersion, manifest: reader.manifest, records, files, missingFiles: reader.manifest.missing_files };
  } finally {
    await reader.close();
  }
}

/**
 * What DynamoDB holds for a user, entity by entity, as the package reader's records (decoded as
 * HouseF3 stores them, then validated), keyed by entity id. Unlike `userRecords` the values stay
 * objects, so they can be compared field by field with exact number text.
 */
export async function storedRecordObjects(dynamo: DynamoDBClient, prefix: string, userId: string, entity: EntityName): Promise<Map<string, EntityRecordOf<EntityName>>> {
  const out = new Map<string, EntityRecordOf<EntityName>>();
  const index = isKeyedByUser(entity) ? undefined : entity === 'analytics' ? 'UserAnalyticsIndex' : 'UserIdIndex';
  for await (const page of paginateQuery({ client: dynamo }, {
    TableName: tableNames(prefix)[ENTITY_TABLE[entity]], IndexName: index, KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': { S: userId } },
  })) {
    for (const item of page.Items ?? []) {
      const decoded = fromItem(entity, item as Record<string, AttributeValue>);
      const { record, issues } = validateRecord(entity, decoded.raw);
      if (!record) throw new Error(`stored ${entity} item does not validate: ${JSON.stringify(issues)}`);
      out.set(entityIdOf(entity, record), record);
    }
  }
  return out;
}

/** A record as one exact JSON text per field (nested objects with sorted keys, numbers and hashes as their digits). */
export function fieldTexts(record: object): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined).map(([k, v]) => [k, canonicalJson(v)]));
}
