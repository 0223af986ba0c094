import { Readable } from 'node:stream';
import { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { CONTENT_TYPES, FilePlan, SeedPlan, s3KeyOf, statementChunks } from './generate';

/** Multipart part size; with QUEUE_SIZE it bounds the bytes buffered per upload (10 MiB). */
const PART_SIZE = 5 * 1024 * 1024;
const QUEUE_SIZE = 2;

/**
 * Streams a file's bytes into HouseF3's file-storage bucket at `{userId}/{fileId}/{fileName}`,
 * with the metadata HouseF3's upload sets (`x-amz-meta-fileid`). The bytes are generated while
 * they are sent (a 20 MiB file is never whole in memory). Returns the byte count, checked
 * against the plan's fileSize.
 */
export async function uploadFile(s3: S3Client, bucket: string, plan: SeedPlan, file: FilePlan): Promise<number> {
  let bytes = 0;
  const body = Readable.from(
    (function* counted() {
      for (const chunk of statementChunks(plan, file)) {
        bytes += chunk.length;
        yield chunk;
      }
    })(),
  );
  const upload = new Upload({
    client: s3,
    queueSize: QUEUE_SIZE,
    partSize: PART_SIZE,
    params: { Bucket: bucket, Key: s3KeyOf(plan.options.userId, file), Body: body, ContentType: CONTENT_TYPES[file.format], Metadata: { fileid: file.fileId } },
  });
  await upload.done();
  if (bytes !== file.stats.bytes) throw new Error(`seed: ${file.fileName} has ${bytes} bytes, but its record says ${file.stats.bytes}`);
  return bytes;
}
