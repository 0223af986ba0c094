import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadObjectCommand, paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import { canonicalJson, EntityName, fileSource, openPackage, recordKeyOrder } from '@housef3/package-format';
import { newIdFor, targetFileKey, transformForImport } from '@housef3/import-domain';
import { userRecords } from '@housef3/testing';
import { sha256Of } from './package-download';

export const ENTITIES: EntityName[] = ['accounts', 'transactions', 'categories', 'file_maps', 'transaction_files', 'analytics'];

export interface Deployed {
  dynamo: DynamoDBClient;
  s3: S3Client;
  tablePrefix: string;
  fileBucket: string;
}

/**
 * Differences between what `user` holds and what importing the package at `pkgPath` must give
 * (record by record as canonical JSON, file by file by SHA-256); empty when exact.
 */
export async function importDifferences(at: Deployed, pkgPath: string, importId: string, user: string, remapIds: boolean): Promise<string[]> {
  const problems: string[] = [];
  const reader = await openPackage(await fileSource(pkgPath));
  try {
    for (const entity of ENTITIES) {
      const expected: string[] = [];
      for await (const { record } of reader.records(entity)) expected.push(canonicalJson(transformForImport(entity, record!, { importId, userId: user, remapIds }), recordKeyOrder(entity)));
      const stored = [...(await userRecords(at.dynamo, user, entity, at.tablePrefix)).values()];
      const want = new Set(expected);
      const have = new Set(stored);
      const missing = expected.filter((r) => !have.has(r));
      const extra = stored.filter((r) => !want.has(r));
      if (missing.length || extra.length || stored.length !== expected.length) {
        problems.push(`${entity}: ${stored.length} stored, ${expected.length} expected; ${missing.length} missing (e.g. ${missing[0]?.slice(0, 200)}), ${extra.length} unexpected (e.g. ${extra[0]?.slice(0, 200)})`);
      }
    }
    const fileNames = new Map<string, string>();
    for await (const { record } of reader.records('transaction_files')) fileNames.set(record!.fileId, record!.fileName);
    for (const f of reader.files) {
      const key = targetFileKey(user, remapIds ? newIdFor(importId, 'transaction_files', f.fileId) : f.fileId, fileNames.get(f.fileId)!);
      try {
        const head = await at.s3.send(new HeadObjectCommand({ Bucket: at.fileBucket, Key: key }));
        if (head.Metadata?.fileid !== undefined) problems.push(`${key}: carries restore bookkeeping metadata`);
        const body = await at.s3.send(new GetObjectCommand({ Bucket: at.fileBucket, Key: key }));
        const sum = `sha256:${await sha256Of(body.Body as AsyncIterable<Uint8Array>)}`;
        if (sum !== f.checksum) problems.push(`${key}: ${sum}, expected ${f.checksum}`);
      } catch (e) {
        problems.push(`${key}: ${(e as Error).name} ${(e as Error).message}`);
      }
    }
  } finally {
    await reader.close();
  }
  return problems;
}

/** What `user` holds at all: record counts per entity and their objects in the file bucket. */
export async function userLeftovers(at: Deployed, user: string): Promise<string[]> {
  const left: string[] = [];
  for (const entity of ENTITIES) {
    const n = (await userRecords(at.dynamo, user, entity, at.tablePrefix)).size;
    if (n) left.push(`${n} ${entity}`);
  }
  for await (const page of paginateListObjectsV2({ client: at.s3 }, { Bucket: at.fileBucket, Prefix: `${user}/` })) {
    for (const o of page.Contents ?? []) left.push(`s3://${at.fileBucket}/${o.Key}`);
  }
  return left;
}
