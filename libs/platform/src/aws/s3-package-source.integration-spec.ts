import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { openPackage, verifyPackage, writePackage } from '@housef3/package-format';
import { buildTransactionFile } from '@housef3/package-format/testing';
import { localS3 } from '../testing/local-s3';
import { s3PackageSource } from './s3-package-source';

async function collect(stream: NodeJS.ReadableStream): Promise<{ bytes: Buffer; pieces: number[] }> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return { bytes: Buffer.concat(parts), pieces: parts.map((p) => p.length) };
}

async function packageBytes(files: Array<{ fileId: string; fileName: string; bytes: Buffer }>): Promise<Buffer> {
  const handle = writePackage({
    userId: 'source-user', exportTimestamp: new Date('2024-01-15T10:30:00Z'), housef3Version: '2.4.0',
    records: {
      accounts: [], transactions: [], categories: [], file_maps: [],
      transaction_files: files.map((f) => buildTransactionFile({ fileId: f.fileId, fileName: f.fileName, fileSize: f.bytes.length })),
    },
    files: files.map((f) => ({ fileId: f.fileId, fileName: f.fileName, size: f.bytes.length, open: () => [f.bytes] })),
  });
  const [{ bytes }] = await Promise.all([collect(handle.stream), handle.done]);
  return bytes;
}

/** The S3 package source against the local S3 server: random access by ranged GETs. */
describe('s3PackageSource', () => {
  const { s3, bucket } = localS3();
  const key = `test/s3-package-source/${randomUUID()}/package.zip`;
  // random bytes do not compress: the entry spans many network chunks and 8 KiB pieces
  const big = { fileId: randomUUID(), fileName: 'kontoauszug-€-2024.csv', bytes: randomBytes(300 * 1024 + 17) };
  const empty = { fileId: randomUUID(), fileName: 'empty.ofx', bytes: Buffer.alloc(0) };
  let zip: Buffer;

  beforeAll(async () => {
    zip = await packageBytes([big, empty]);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: zip }));
  });

  afterAll(async () => {
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    s3.destroy();
  });

  it('reads any range of the object in small pieces, and describes itself', async () => {
    const source = await s3PackageSource(s3, bucket, key);
    expect(source.size).toBe(zip.length);
    expect(source.describe()).toBe(`s3://${bucket}/${key}`);
    const { bytes, pieces } = await collect(source.createReadStream(100, 100 + 200 * 1024));
    expect(bytes.equals(zip.subarray(100, 100 + 200 * 1024))).toBe(true);
    expect(Math.max(...pieces)).toBeLessThanOrEqual(8 * 1024);
    expect((await collect(source.createReadStream(zip.length - 22, zip.length))).bytes.equals(zip.subarray(zip.length - 22))).toBe(true);
    expect((await collect(source.createReadStream(5, 5))).bytes.length).toBe(0);
    expect(() => source.createReadStream(0, zip.length + 1)).toThrow(RangeError);
  });

  it('opens and verifies a package, and streams an original file byte for byte', async () => {
    const source = await s3PackageSource(s3, bucket, key);
    const report = await verifyPackage(source);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.entries.filter((e) => e.path.startsWith('files/')).map((e) => e.status)).toEqual(['verified', 'verified']);

    const reader = await openPackage(source);
    try {
      const read = await collect(await reader.openFile(big.fileId));
      expect(createHash('sha256').update(read.bytes).digest('hex')).toBe(createHash('sha256').update(big.bytes).digest('hex'));
      expect((await collect(await reader.openFile(empty.fileId))).bytes.length).toBe(0);
    } finally {
      await reader.close();
    }
  });

  it('a destroyed stream stops reading, and a package replaced after opening fails instead of mixing bytes', async () => {
    const source = await s3PackageSource(s3, bucket, key);
    const stream = source.createReadStream(0, zip.length) as Readable;
    const closed = new Promise((r) => stream.once('close', r));
    stream.once('data', () => stream.destroy());
    stream.resume();
    await closed;
    expect(stream.destroyed).toBe(true);

    const other = `test/s3-package-source/${randomUUID()}/package.zip`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: other, Body: zip }));
    try {
      const pinned = await s3PackageSource(s3, bucket, other);
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: other, Body: Buffer.concat([zip, Buffer.from('x')]) }));
      await expect(collect(pinned.createReadStream(0, 10))).rejects.toMatchObject({ $metadata: { httpStatusCode: 412 } });
    } finally {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: other }));
    }
  });

  it('opened with the pinned ETag: another object at the key is refused at open (PACKAGE_CHANGED), and the size limit is checked again', async () => {
    const pinnedKey = `test/s3-package-source/${randomUUID()}/pinned.zip`;
    const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: pinnedKey, Body: zip }));
    const ok = await s3PackageSource(s3, bucket, pinnedKey, { etag: put.ETag, maxBytes: zip.length });
    expect((await collect(ok.createReadStream(0, 4))).bytes.equals(zip.subarray(0, 4))).toBe(true);
    await expect(s3PackageSource(s3, bucket, pinnedKey, { etag: put.ETag, maxBytes: zip.length - 1 })).rejects.toMatchObject({ code: 'PACKAGE_TOO_LARGE' });
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: pinnedKey, Body: Buffer.concat([zip, Buffer.from('x')]) }));
    await expect(s3PackageSource(s3, bucket, pinnedKey, { etag: put.ETag })).rejects.toMatchObject({ code: 'PACKAGE_CHANGED' });
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: pinnedKey }));
  });

  it('a missing package fails at open with S3 NotFound', async () => {
    await expect(s3PackageSource(s3, bucket, `test/s3-package-source/${randomUUID()}/none.zip`)).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });
});
