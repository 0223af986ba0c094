import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { deletePrefix } from './s3-prefix';
import { MIN_PART_SIZE, uploadStream } from './s3-stream-upload';

/** The running local stack's variables (.stack/stack.env); platform may not depend on the testing lib. */
function stackEnv(): Record<string, string> {
  const file = resolve(__dirname, '../../../..', process.env.STACK_DIR ?? '.stack', 'stack.env');
  return Object.fromEntries(readFileSync(file, 'utf8').split('\n').flatMap((line) => {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    return m ? [[m[1], m[2]]] : [];
  }));
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** `total` bytes of `data` cut into chunks of the given sizes, in turn. */
async function* chunksOf(data: Buffer, sizes: number[]): AsyncGenerator<Uint8Array> {
  for (let at = 0, i = 0; at < data.length; i++) {
    const n = Math.min(sizes[i % sizes.length]!, data.length - at);
    yield data.subarray(at, at + n);
    at += n;
  }
}

/** uploadStream against the local S3 server: what is stored, how many buffers, and failures that leave nothing. */
describe('uploadStream', () => {
  const env = stackEnv();
  const Bucket = env.PACKAGES_BUCKET;
  const client = (extra: Partial<ConstructorParameters<typeof S3Client>[0]> = {}) => new S3Client({
    region: env.AWS_REGION, endpoint: env.S3_ENDPOINT, forcePathStyle: true,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED', ...extra,
  });
  const s3 = client();
  const prefix = `test/s3-stream-upload/${randomUUID()}/`;
  const key = (name: string) => `${prefix}${name}`;
  // random bytes: what is stored can only match if every byte went to the right place
  const data = randomBytes(4 * MIN_PART_SIZE + 12345);

  const stored = async (Key: string) => {
    const out = await s3.send(new GetObjectCommand({ Bucket, Key }));
    return { bytes: Buffer.from(await out.Body!.transformToByteArray()), contentType: out.ContentType, metadata: out.Metadata, sse: out.ServerSideEncryption };
  };
  const nothingLeft = async (Key: string) => {
    await expect(s3.send(new HeadObjectCommand({ Bucket, Key }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket, Prefix: Key }));
    expect(uploads.Uploads ?? []).toEqual([]);
  };

  afterAll(async () => {
    await deletePrefix(s3, Bucket, prefix);
    s3.destroy();
  });

  it('stores a body smaller than a part with one PutObject, with its content type, metadata and encryption', async () => {
    const body = data.subarray(0, 300_001);
    const out = await uploadStream(s3, { Bucket, Key: key('small'), ContentType: 'text/csv', Metadata: { fileid: 'f-1' }, ServerSideEncryption: 'AES256' }, chunksOf(body, [7, 65536, 1000]));
    expect(out).toEqual({ bytes: body.length, parts: 0, buffers: 0 });
    const got = await stored(key('small'));
    expect(sha256(got.bytes)).toBe(sha256(body));
    expect(got.contentType).toBe('text/csv');
    expect(got.metadata).toEqual({ fileid: 'f-1' });
  });

  it('stores an empty body as an empty object', async () => {
    expect(await uploadStream(s3, { Bucket, Key: key('empty') }, chunksOf(Buffer.alloc(0), [1]))).toEqual({ bytes: 0, parts: 0, buffers: 0 });
    expect((await stored(key('empty'))).bytes.length).toBe(0);
  });

  it('stores a body of exactly one part with one PutObject', async () => {
    const body = data.subarray(0, MIN_PART_SIZE);
    expect(await uploadStream(s3, { Bucket, Key: key('one-part') }, chunksOf(body, [MIN_PART_SIZE]))).toMatchObject({ bytes: MIN_PART_SIZE, parts: 0 });
    expect(sha256((await stored(key('one-part'))).bytes)).toBe(sha256(body));
  });

  it('stores a larger body as a multipart upload, byte for byte, whatever the chunks, with queueSize + 1 buffers at most', async () => {
    // odd sizes, a chunk larger than a part, chunks across every part boundary
    const out = await uploadStream(s3, { Bucket, Key: key('multi'), ContentType: 'application/zip', Metadata: { a: 'b' }, ServerSideEncryption: 'AES256' },
      chunksOf(data, [1, 65_537, MIN_PART_SIZE + 3, 999_983, 16_384]));
    expect(out).toEqual({ bytes: data.length, parts: 5, buffers: 3 });
    const got = await stored(key('multi'));
    expect(got.bytes.length).toBe(data.length);
    expect(sha256(got.bytes)).toBe(sha256(data));
    expect(got.contentType).toBe('application/zip');
    expect(got.metadata).toEqual({ a: 'b' });
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket, Prefix: key('multi') }))).Uploads ?? []).toEqual([]);
  });

  it('reuses the same buffers however many parts there are (what it holds does not grow with the object)', async () => {
    const many = Buffer.concat([data, data]); // 8 parts and a bit
    const one = await uploadStream(s3, { Bucket, Key: key('queue-1') }, chunksOf(many, [262_144]), { queueSize: 1 });
    expect(one).toEqual({ bytes: many.length, parts: 9, buffers: 2 });
    const two = await uploadStream(s3, { Bucket, Key: key('queue-2') }, chunksOf(many, [262_144]));
    expect(two).toEqual({ bytes: many.length, parts: 9, buffers: 3 });
    expect(sha256((await stored(key('queue-2'))).bytes)).toBe(sha256(many));
  });

  it('a body of exactly several parts ends without an empty part', async () => {
    const body = data.subarray(0, 2 * MIN_PART_SIZE);
    expect(await uploadStream(s3, { Bucket, Key: key('two-parts') }, chunksOf(body, [1_048_576]))).toMatchObject({ bytes: body.length, parts: 2 });
    expect(sha256((await stored(key('two-parts'))).bytes)).toBe(sha256(body));
  });

  it('a body that fails after the first parts leaves no object and no unfinished upload, and rejects with its error', async () => {
    async function* failing() {
      yield* chunksOf(data.subarray(0, 3 * MIN_PART_SIZE + 10), [500_000]);
      throw new Error('the source broke');
    }
    await expect(uploadStream(s3, { Bucket, Key: key('body-fails') }, failing())).rejects.toThrow('the source broke');
    await nothingLeft(key('body-fails'));
  });

  it('an abort mid-way leaves nothing and rejects with the signal\'s reason', async () => {
    const abort = new AbortController();
    async function* slow() {
      let sent = 0;
      for await (const chunk of chunksOf(data, [1_048_576])) {
        yield chunk;
        sent += chunk.length;
        if (sent > 2 * MIN_PART_SIZE) abort.abort(new Error('lease lost'));
      }
    }
    await expect(uploadStream(s3, { Bucket, Key: key('aborted') }, slow(), { signal: abort.signal })).rejects.toThrow('lease lost');
    await nothingLeft(key('aborted'));
  });

  it('a part refused by S3 fails the upload, leaves nothing and reports S3\'s error', async () => {
    const faulty = client({ maxAttempts: 1 });
    let partsSeen = 0;
    // the third part goes to an upload id S3 does not know: S3 itself refuses it
    faulty.middlewareStack.add((next) => async (args) => {
      const input = args.input as { PartNumber?: number; UploadId?: string };
      if (input.PartNumber !== undefined && ++partsSeen === 3) return next({ ...args, input: { ...input, UploadId: 'no-such-upload' } as typeof args.input });
      return next(args);
    }, { step: 'initialize', name: 'refuseThirdPart' });
    await expect(uploadStream(faulty, { Bucket, Key: key('part-refused') }, chunksOf(data, [1_048_576])))
      .rejects.toMatchObject({ $metadata: { httpStatusCode: expect.any(Number) } }); // NoSuchUpload (the local server answers 500)
    await nothingLeft(key('part-refused'));
    faulty.destroy();
  });

  it('refuses parts smaller than S3 allows and an empty queue', async () => {
    await expect(uploadStream(s3, { Bucket, Key: key('x') }, chunksOf(data, [1]), { partSize: 1024 })).rejects.toThrow(RangeError);
    await expect(uploadStream(s3, { Bucket, Key: key('x') }, chunksOf(data, [1]), { queueSize: 0 })).rejects.toThrow(RangeError);
  });
});
