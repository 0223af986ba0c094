import {
  AbortMultipartUploadCommand, ChecksumAlgorithm, CompletedPart, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, PutObjectCommand, PutObjectCommandInput,
  S3Client, UploadPartCommand,
} from '@aws-sdk/client-s3';

/** What an object written by {@link uploadStream} is stored with (everything PutObject takes but the body). */
export type StreamUploadParams = Omit<PutObjectCommandInput, 'Body' | 'ContentLength' | 'ContentMD5' | 'ChecksumCRC32' | 'ChecksumCRC32C' | 'ChecksumCRC64NVME' | 'ChecksumSHA1' | 'ChecksumSHA256'>;

export interface StreamUploadOptions {
  /** Bytes per part (S3's minimum, 5 MiB, by default). */
  partSize?: number;
  /** Parts uploading at once (2 by default); one more part buffer is filled meanwhile. */
  queueSize?: number;
  /** Stops the upload: nothing is left behind, the call rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface StreamUploadResult {
  /** Bytes stored. */
  bytes: number;
  /** Parts of the multipart upload (0: the body fitted in one part and was stored by one PutObject). */
  parts: number;
  /** Part buffers allocated: at most `queueSize + 1` whatever the size of the body. */
  buffers: number;
}

export const MIN_PART_SIZE = 5 * 1024 * 1024;

/**
 * Stores a stream of bytes as one S3 object, as a multipart upload when it is larger than one part.
 *
 * The SDK's `Upload` (lib-storage) allocates a new buffer for every part (it concatenates the
 * chunks it received); each one lives as long as its UploadPart call, so it is promoted and stays
 * allocated until the next full garbage collection: the larger the object, the more of them are
 * resident at once (docs/adr/0117). This writer fills a fixed set of `queueSize + 1` part buffers
 * in turn, each reused as soon as its part is stored, so what an upload holds does not depend on
 * the size of the object. Requests, signing and retries stay the SDK client's.
 *
 * A body that fits in one part is stored by one PutObject. On any failure (the body throws, a
 * part fails, the signal aborts) the parts in flight settle, the multipart upload is aborted and
 * the call rejects: no object and no unfinished upload are left.
 */
export async function uploadStream(s3: S3Client, params: StreamUploadParams, body: AsyncIterable<Uint8Array>, options: StreamUploadOptions = {}): Promise<StreamUploadResult> {
  const partSize = options.partSize ?? MIN_PART_SIZE;
  const queueSize = options.queueSize ?? 2;
  if (!Number.isInteger(partSize) || partSize < MIN_PART_SIZE) throw new RangeError(`partSize must be an integer of at least ${MIN_PART_SIZE} bytes`);
  if (!Number.isInteger(queueSize) || queueSize < 1) throw new RangeError('queueSize must be a positive integer');
  const { signal } = options;
  const { Bucket, Key } = params;

  // the chunks of the first part, kept as they came until there is more than one part's worth
  let head: Uint8Array[] = [];
  let headBytes = 0;
  let bytes = 0;
  const free: Buffer[] = [];
  let buffers = 0;
  let current: Buffer | undefined;
  let filled = 0;
  let uploadId: string | undefined;
  let checksums = false;
  let partNumber = 0;
  const parts: CompletedPart[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;

  const check = () => {
    signal?.throwIfAborted();
    if (failure) throw failure.error;
  };
  const take = async (): Promise<Buffer> => {
    while (!free.length && buffers > queueSize) await Promise.race(inFlight);
    check();
    const reused = free.pop();
    if (reused) return reused;
    buffers += 1;
    return Buffer.allocUnsafeSlow(partSize);
  };
  const send = async (buffer: Buffer, length: number) => {
    while (inFlight.size >= queueSize) await Promise.race(inFlight);
    check();
    const PartNumber = ++partNumber;
    const call: Promise<void> = s3.send(new UploadPartCommand({
      Bucket, Key, UploadId: uploadId, PartNumber, Body: buffer.subarray(0, length), ContentLength: length,
      ...(params.ChecksumAlgorithm && { ChecksumAlgorithm: params.ChecksumAlgorithm }), ...(params.ExpectedBucketOwner && { ExpectedBucketOwner: params.ExpectedBucketOwner }),
      ...(params.SSECustomerAlgorithm && { SSECustomerAlgorithm: params.SSECustomerAlgorithm, SSECustomerKey: params.SSECustomerKey, SSECustomerKeyMD5: params.SSECustomerKeyMD5 }),
    }), { abortSignal: signal })
      .then((out) => {
        if (!out.ETag) throw new Error(`${Key}: part ${PartNumber} was stored without an ETag`);
        parts.push({
          PartNumber, ETag: out.ETag,
          ...(out.ChecksumCRC32 && { ChecksumCRC32: out.ChecksumCRC32 }), ...(out.ChecksumCRC32C && { ChecksumCRC32C: out.ChecksumCRC32C }),
          ...(out.ChecksumCRC64NVME && { ChecksumCRC64NVME: out.ChecksumCRC64NVME }), ...(out.ChecksumSHA1 && { ChecksumSHA1: out.ChecksumSHA1 }),
          ...(out.ChecksumSHA256 && { ChecksumSHA256: out.ChecksumSHA256 }),
        });
      })
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => {
        free.push(buffer);
        inFlight.delete(call);
      });
    inFlight.add(call);
  };
  const write = async (chunk: Uint8Array) => {
    for (let at = 0; at < chunk.length;) {
      current ??= await take();
      const n = Math.min(partSize - filled, chunk.length - at);
      current.set(n === chunk.length ? chunk : chunk.subarray(at, at + n), filled);
      filled += n;
      at += n;
      if (filled === partSize) {
        const full = current;
        current = undefined;
        filled = 0;
        await send(full, partSize);
      }
    }
  };

  try {
    for await (const chunk of body) {
      check();
      if (!chunk.length) continue;
      bytes += chunk.length;
      if (uploadId === undefined) {
        head.push(chunk);
        headBytes += chunk.length;
        if (headBytes <= partSize) continue;
        // more than one part: a multipart upload, the first part's chunks copied into a buffer
        checksums = (await s3.config.requestChecksumCalculation()) === 'WHEN_SUPPORTED';
        const created = await s3.send(new CreateMultipartUploadCommand({ ...params, ...(checksums && { ChecksumAlgorithm: params.ChecksumAlgorithm ?? ChecksumAlgorithm.CRC32 }) }), { abortSignal: signal });
        if (!created.UploadId) throw new Error(`${Key}: the multipart upload was created without an id`);
        uploadId = created.UploadId;
        const pending = head;
        head = [];
        for (const c of pending) await write(c);
        continue;
      }
      await write(chunk);
    }
    check();
    if (uploadId === undefined) {
      const whole = head.length === 1 && head[0] ? head[0] : Buffer.concat(head, headBytes);
      await s3.send(new PutObjectCommand({ ...params, Body: whole, ContentLength: whole.length }), { abortSignal: signal });
      return { bytes, parts: 0, buffers };
    }
    if (current && filled) {
      const last = current;
      current = undefined;
      await send(last, filled);
    }
    while (inFlight.size) await Promise.race(inFlight);
    check();
    parts.sort((a, b) => (a.PartNumber ?? 0) - (b.PartNumber ?? 0));
    await s3.send(new CompleteMultipartUploadCommand({
      Bucket, Key, UploadId: uploadId, MultipartUpload: { Parts: parts },
      ...(params.ExpectedBucketOwner && { ExpectedBucketOwner: params.ExpectedBucketOwner }),
      ...(params.SSECustomerAlgorithm && { SSECustomerAlgorithm: params.SSECustomerAlgorithm, SSECustomerKey: params.SSECustomerKey, SSECustomerKeyMD5: params.SSECustomerKeyMD5 }),
    }), { abortSignal: signal });
    return { bytes, parts: parts.length, buffers };
  } catch (error) {
    await Promise.allSettled([...inFlight]);
    if (uploadId !== undefined) {
      try {
        await s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: uploadId }));
      } catch (abortError) {
        if (error instanceof Error && error.cause === undefined) error.cause = abortError;
      }
    }
    throw error;
  }
}
