import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { localS3 } from '../testing/local-s3';
import { S3_MIN_PART_BYTES, uploadChunks } from './s3-upload';

const MiB = 1024 * 1024;

/** `total` bytes of random data as chunks of `size` (the last shorter), a copy of all of them beside. */
function chunksOf(total: number, size: number): { chunks: Buffer[]; whole: Buffer } {
  const whole = randomBytes(total);
  const chunks: Buffer[] = [];
  for (let at = 0; at < total; at += size) chunks.push(whole.subarray(at, Math.min(total, at + size)));
  return { chunks, whole };
}

async function* yieldAll(chunks: Buffer[], failAt?: number): AsyncGenerator<Uint8Array> {
  for (const [i, chunk] of chunks.entries()) {
    if (i === failAt) throw new Error('the source failed');
    await new Promise((r) => setImmediate(r));
    yield chunk;
  }
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The streamed upload against the local S3 server: bytes exact, parts as promised, nothing left behind on failure. */
describe('uploadChunks', () => {
  const { s3, bucket } = localS3();
  const prefix = `test/s3-upload/${randomUUID()}/`;
  const keys: string[] = [];
  const key = (name: string) => {
    keys.push(prefix + name);
    return prefix + name;
  };

  async function read(k: string): Promise<Buffer> {
    const r = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: k }));
    return Buffer.from(await r.Body!.transformToByteArray());
  }
  async function unfinished(): Promise<number> {
    const r = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix }));
    return (r.Uploads ?? []).length;
  }

  afterAll(async () => {
    for (const Key of keys) await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key }));
    s3.destroy();
  });

  it('an object smaller than a part is one PutObject, byte for byte, an empty source an empty object', async () => {
    const { chunks, whole } = chunksOf(300 * 1024 + 7, 64 * 1024);
    const small = key('small.bin');
    await expect(uploadChunks(s3, { Bucket: bucket, Key: small, ContentType: 'application/octet-stream', ServerSideEncryption: 'AES256' }, yieldAll(chunks), { partSize: S3_MIN_PART_BYTES }))
      .resolves.toEqual({ bytes: whole.length, parts: 1 });
    expect(sha(await read(small))).toBe(sha(whole));

    const empty = key('empty.bin');
    await expect(uploadChunks(s3, { Bucket: bucket, Key: empty }, yieldAll([]), { partSize: S3_MIN_PART_BYTES })).resolves.toEqual({ bytes: 0, parts: 1 });
    expect((await read(empty)).length).toBe(0);
  });

  it.each([1, 2] as const)('with %i buffer(s): chunks that straddle parts make a multipart object of whole parts and a shorter last one, byte for byte', async (buffers) => {
    // 64 KiB + 1 byte chunks never line up with the 5 MiB parts
    const { chunks, whole } = chunksOf(2 * S3_MIN_PART_BYTES + 123_457, 64 * 1024 + 1);
    const big = key(`big-${buffers}.bin`);
    await expect(uploadChunks(s3, { Bucket: bucket, Key: big }, yieldAll(chunks), { partSize: S3_MIN_PART_BYTES, buffers })).resolves.toEqual({ bytes: whole.length, parts: 3 });
    const back = await read(big);
    expect(back.length).toBe(whole.length);
    expect(sha(back)).toBe(sha(whole));
    expect(await unfinished()).toBe(0);
  });

  it('an object of exactly two parts has no empty third part', async () => {
    const { chunks, whole } = chunksOf(2 * S3_MIN_PART_BYTES, MiB);
    const exact = key('exact.bin');
    await expect(uploadChunks(s3, { Bucket: bucket, Key: exact }, yieldAll(chunks), { partSize: S3_MIN_PART_BYTES })).resolves.toEqual({ bytes: whole.length, parts: 2 });
    expect(sha(await read(exact))).toBe(sha(whole));
  });

  it('a source that fails after parts were sent leaves no object and no unfinished upload', async () => {
    const { chunks } = chunksOf(3 * S3_MIN_PART_BYTES, MiB);
    const failed = key('failed.bin');
    await expect(uploadChunks(s3, { Bucket: bucket, Key: failed }, yieldAll(chunks, 12), { partSize: S3_MIN_PART_BYTES, buffers: 2 })).rejects.toThrow('the source failed');
    expect(await unfinished()).toBe(0);
    await expect(read(failed)).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });

  it('an abort stops the upload at the next chunk: no object, no unfinished upload, the reason rethrown', async () => {
    const { chunks } = chunksOf(3 * S3_MIN_PART_BYTES, MiB);
    const aborted = key('aborted.bin');
    const controller = new AbortController();
    async function* abortingAfterSeven(): AsyncGenerator<Uint8Array> {
      for (const [i, chunk] of chunks.entries()) {
        if (i === 7) controller.abort(new Error('lease lost'));
        yield chunk;
      }
    }
    await expect(uploadChunks(s3, { Bucket: bucket, Key: aborted }, abortingAfterSeven(), { partSize: S3_MIN_PART_BYTES, signal: controller.signal })).rejects.toThrow('lease lost');
    expect(await unfinished()).toBe(0);
    await expect(read(aborted)).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });

  it('an upload S3 refuses fails with S3\'s error, small or multipart', async () => {
    const missing = `no-such-bucket-${randomUUID()}`;
    await expect(uploadChunks(s3, { Bucket: missing, Key: 'x' }, yieldAll(chunksOf(1000, 100).chunks), { partSize: S3_MIN_PART_BYTES })).rejects.toMatchObject({ name: 'NoSuchBucket' });
    await expect(uploadChunks(s3, { Bucket: missing, Key: 'x' }, yieldAll(chunksOf(S3_MIN_PART_BYTES + 1, MiB).chunks), { partSize: S3_MIN_PART_BYTES })).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });
});
