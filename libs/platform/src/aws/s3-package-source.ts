import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { PackageSource } from '@housef3/package-format';
import { PermanentError } from '../messaging/errors';

/** Entry data is handed to the package reader in pieces of this size (see PackageSource on why small). */
const PIECE_BYTES = 8 * 1024;

/**
 * A package in S3, read at random with ranged GETs: the reader asks for the central directory,
 * headers and one entry's compressed bytes at a time; nothing downloads the whole object.
 * Every range is pinned to the ETag seen at open, so a package replaced while it is being read
 * fails (412) instead of mixing two packages' bytes.
 */
export interface PackageExpectations {
  /** the ETag recorded when the package was pinned: any other object is refused (PACKAGE_CHANGED) */
  etag?: string;
  /** the size limit, checked here again whatever the upload said (PACKAGE_TOO_LARGE) */
  maxBytes?: number;
}

export async function s3PackageSource(s3: S3Client, bucket: string, key: string, expect: PackageExpectations = {}): Promise<PackageSource> {
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, ...(expect.etag !== undefined && { IfMatch: expect.etag }) })).catch((e) => {
    if (expect.etag !== undefined && e?.$metadata?.httpStatusCode === 412) throw new PermanentError('PACKAGE_CHANGED', 'the package is not the one that was pinned when the import started', { cause: e });
    throw e;
  });
  const size = head.ContentLength ?? 0;
  if (expect.maxBytes !== undefined && size > expect.maxBytes) throw new PermanentError('PACKAGE_TOO_LARGE', `the package is ${size} bytes; at most ${expect.maxBytes} are accepted`);
  const etag = expect.etag ?? head.ETag;
  return {
    size,
    createReadStream: (start, endExclusive) => {
      if (!Number.isSafeInteger(start) || !Number.isSafeInteger(endExclusive) || start < 0 || endExclusive < start || endExclusive > size) {
        throw new RangeError(`range [${start}, ${endExclusive}) is outside s3://${bucket}/${key} (${size} bytes)`);
      }
      return rangeStream(s3, { Bucket: bucket, Key: key, ...(etag !== undefined && { IfMatch: etag }) }, start, endExclusive);
    },
    describe: () => `s3://${bucket}/${key}`,
  };
}

/**
 * The bytes [start, end) of one object: GetObject is sent on the first read, its body is passed
 * on in small pieces as the consumer asks for them (backpressure reaches the socket), and
 * destroy() aborts the request. A body shorter or longer than the range fails the stream.
 */
function rangeStream(s3: S3Client, object: ObjectRef, start: number, end: number): Readable {
  const abort = new AbortController();
  const held: { body?: Readable } = {};
  const stream = Readable.from(pieces(s3, object, start, end, abort.signal, held), { objectMode: false, highWaterMark: PIECE_BYTES });
  stream.once('close', () => {
    abort.abort(new Error('range stream closed'));
    held.body?.destroy();
  });
  return stream;
}

interface ObjectRef {
  Bucket: string;
  Key: string;
  IfMatch?: string;
}

async function* pieces(s3: S3Client, object: ObjectRef, start: number, end: number, signal: AbortSignal, held: { body?: Readable }): AsyncGenerator<Buffer> {
  const length = end - start;
  if (length === 0) return;
  const where = `s3://${object.Bucket}/${object.Key}`;
  const out = await s3.send(new GetObjectCommand({ ...object, Range: `bytes=${start}-${end - 1}` }), { abortSignal: signal });
  const body = out.Body as Readable | undefined;
  if (!body) throw new Error(`${where}: GetObject returned no body`);
  held.body = body;
  try {
    let received = 0;
    for await (const chunk of body as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > length) throw new Error(`${where}: the server sent more than the ${length} bytes asked for at ${start}`);
      // Copies, so a large network buffer is not kept alive by the small piece the reader holds.
      for (let at = 0; at < chunk.length; at += PIECE_BYTES) yield Buffer.from(chunk.subarray(at, at + PIECE_BYTES));
    }
    if (received !== length) throw new Error(`${where}: expected ${length} bytes at ${start}, the server sent ${received}`);
  } finally {
    body.destroy();
  }
}
