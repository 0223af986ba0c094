import { createHash } from 'node:crypto';
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import { ALL_TABLES, SECURITY_TABLES, TableSpec } from '@housef3/data-model';

/**
 * A digest of every table and bucket of a deployment: every item (attribute by attribute) and
 * every object (key, size, ETag). Equal digests = nothing was written, changed or left behind.
 * `ignore` leaves out bookkeeping the test expects to change (job tables, the import's upload).
 */
export async function snapshot(dynamo: DynamoDBClient, s3: S3Client, prefix: string, buckets: string[], ignore: { tables?: string[]; keyPrefixes?: string[] } = {}): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const spec of Object.values(ALL_TABLES) as TableSpec[]) {
    const table = `${prefix}-${spec.suffix}`;
    // the audit trail and the per-user limits record every request by design: never user data
    if (ignore.tables?.includes(spec.suffix) || Object.values(SECURITY_TABLES).some((t) => t.suffix === spec.suffix)) continue;
    const rows: string[] = [];
    for await (const page of paginateScan({ client: dynamo }, { TableName: table, ConsistentRead: true })) {
      for (const item of page.Items ?? []) rows.push(stable(item));
    }
    out[table] = digest(rows);
  }
  for (const bucket of buckets) {
    const rows: string[] = [];
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket })) {
      for (const o of page.Contents ?? []) if (!ignore.keyPrefixes?.some((p) => o.Key!.startsWith(p))) rows.push(`${o.Key} ${o.Size} ${o.ETag}`);
    }
    out[`s3://${bucket}`] = digest(rows);
  }
  return out;
}

const digest = (rows: string[]) => `${rows.length}:${createHash('sha256').update(rows.sort().join('\n')).digest('hex').slice(0, 16)}`;

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}
