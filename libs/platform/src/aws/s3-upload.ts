import {
  AbortMultipartUploadCommand, CompletedPart, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, PutObjectCommand, S3Client, ServerSideEncryption, UploadPartCommand,
} from '@aws-sdk/client-s3';
import { PermanentError } from '../messaging/errors';

/** S3's limits on a multipart upload. */
export const S3_MIN_PART_BYTES = 5 * 1024 * 1024;
export const S3_MAX_PARTS = 10_000;

export interface StreamedObject {
  Bucket: string;
  Key: string;
  ContentType?: string;
  ServerSideEncryption?: ServerSideEncryption;
  Metadata?: Record<string, string>;
}

export interface UploadChunksOptions {
  /** Bytes of every part but the last (at least 5 MiB on S3). */
  partSize: number;
  /**
   * How many part buffers the upload owns: 1 sends each part before taking more bytes (memory of
   * one part, the source waits while a part is sent); 2 fills one while the other is sent.
   */
  buffers?: 1 | 2;
  signal?: AbortSignal;
}

export interface UploadedObject {
  bytes: number;
  parts: number;
}

/**
 * Streams `chunks` into one S3 object through part buffers allocated once and reused: each chunk
 * is copied into the part being filled, and a full part is sent as it is, so the upload holds
 * `buffers` parts whatever the object's size, and makes no garbage of its own. An object smaller
 * than one part is one PutObject; a larger one a multipart upload, aborted on any failure (no parts
 * are left behind). Stops at the next chunk, and aborts the request in flight, when `signal` aborts.
 */
export async function uploadChunks(s3: S3Client, object: StreamedObject, chunks: AsyncIterable<Uint8Array>, options: UploadChunksOptions): Promise<UploadedObject> {
  const { partSize, signal } = options;
  const buffers = options.buffers ?? 1;
  if (!Number.isSafeInteger(partSize) || partSize < 1) throw new RangeError(`partSize must be a positive integer, not ${partSize}`);
  const { Bucket, Key } = object;
  const request = signal ? { abortSignal: signal } : {};
  let uploadId: Promise<string> | undefined;
  const completed: CompletedPart[] = [];
  const sending: { buffer: Buffer; done: Promise<void> }[] = [];
  let allocated = 0;
  let partNumber = 0;
  let bytes = 0;

  const startUpload = (): Promise<string> => (uploadId ??= s3.send(new CreateMultipartUploadCommand({ ...object }), request).then((r) => {
    if (!r.UploadId) throw new Error(`S3 returned no UploadId for s3://${Bucket}/${Key}`);
    return r.UploadId;
  }));
  const send = (buffer: Buffer, length: number): void => {
    const PartNumber = (partNumber += 1);
    if (PartNumber > S3_MAX_PARTS) throw new PermanentError('OBJECT_TOO_LARGE', `s3://${Bucket}/${Key} would need more than ${S3_MAX_PARTS} parts of ${partSize} bytes`);
    const done = (async () => {
      const UploadId = await startUpload();
      const r = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber, Body: buffer.subarray(0, length), ContentLength: length }), request);
      if (!r.ETag) throw new Error(`S3 returned no ETag for part ${PartNumber} of s3://${Bucket}/${Key}`);
      completed.push({ PartNumber, ETag: r.ETag });
    })();
    done.catch(() => undefined); // awaited below; a failure is never left unhandled meanwhile
    sending.push({ buffer, done });
  };
  // A free buffer: a new one while fewer than `buffers` exist, else the oldest one sent, once it has been.
  const nextBuffer = async (): Promise<Buffer> => {
    if (allocated < buffers) {
      allocated += 1;
      return Buffer.allocUnsafe(partSize);
    }
    const oldest = sending.shift()!;
    await oldest.done;
    return oldest.buffer;
  };

  let part: Buffer | undefined;
  let fill = 0;
  try {
    for await (const chunk of chunks) {
      signal?.throwIfAborted();
      let offset = 0;
      while (offset < chunk.length) {
        // a full part is sent only when more bytes come: the last part is never empty
        if (part && fill === partSize) {
          send(part, fill);
          part = undefined;
        }
        if (!part) {
          part = await nextBuffer();
          fill = 0;
        }
        const n = Math.min(partSize - fill, chunk.length - offset);
        part.set(chunk.subarray(offset, offset + n), fill);
        fill += n;
        offset += n;
      }
      bytes += chunk.length;
    }
    signal?.throwIfAborted();
    if (partNumber === 0) {
      await s3.send(new PutObjectCommand({ ...object, Body: part ? part.subarray(0, fill) : Buffer.alloc(0), ContentLength: fill }), request);
      return { bytes, parts: 1 };
    }
    send(part!, fill);
    for (const s of sending.splice(0)) await s.done;
    const UploadId = await startUpload();
    completed.sort((a, b) => a.PartNumber! - b.PartNumber!);
    await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: completed } }), request);
    return { bytes, parts: partNumber };
  } catch (e) {
    await Promise.allSettled(sending.map((s) => s.done));
    if (uploadId) {
      const UploadId = await uploadId.catch(() => undefined);
      if (UploadId) await s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId })).catch(() => undefined);
    }
    throw e;
  }
}
