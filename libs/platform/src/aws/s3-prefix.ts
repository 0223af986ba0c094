import { AbortMultipartUploadCommand, DeleteObjectsCommand, ListMultipartUploadsCommand, paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';

/** Every key under `prefix`, page by page. */
export async function* listKeys(s3: S3Client, bucket: string, prefix: string): AsyncGenerator<string> {
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: prefix })) {
    for (const o of page.Contents ?? []) if (o.Key) yield o.Key;
  }
}

/** The numbers N of the `chunk-N.json` objects under `prefix` (journals), highest first. */
export async function chunkNumbers(s3: S3Client, bucket: string, prefix: string): Promise<number[]> {
  const chunks: number[] = [];
  for await (const key of listKeys(s3, bucket, prefix)) {
    const m = /chunk-(\d+)\.json$/.exec(key);
    if (m) chunks.push(Number(m[1]));
  }
  return chunks.sort((a, b) => b - a);
}

/**
 * Deletes everything under `prefix`, unfinished multipart uploads included (a crashed writer's),
 * except the keys `keep` says to keep. Returns how many objects were deleted.
 */
export async function deletePrefix(s3: S3Client, bucket: string, prefix: string, keep: (key: string) => boolean = () => false): Promise<number> {
  const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix }));
  for (const u of uploads.Uploads ?? []) await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.Key, UploadId: u.UploadId }));
  let deleted = 0;
  let batch: { Key: string }[] = [];
  const flush = async () => {
    if (batch.length) await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch, Quiet: true } }));
    deleted += batch.length;
    batch = [];
  };
  for await (const key of listKeys(s3, bucket, prefix)) {
    if (keep(key)) continue;
    batch.push({ Key: key });
    if (batch.length === 1000) await flush();
  }
  await flush();
  return deleted;
}
