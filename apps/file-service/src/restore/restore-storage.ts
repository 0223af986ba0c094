import { Readable } from 'node:stream';
import {
  CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException,
} from '@aws-sdk/client-s3';
import { S3_MIN_PART_BYTES, uploadChunks } from '@housef3/platform';

export interface ObjectHead {
  readonly size: number;
  readonly etag?: string;
  readonly contentType?: string;
  /** user metadata (x-amz-meta-*), keys lower case */
  readonly metadata: Record<string, string>;
}

export interface ObjectRef {
  readonly bucket: string;
  readonly key: string;
}

/** Our adapter over the S3 calls of the file step of an import. Every write is SSE AES256. */
export class RestoreStorage {
  constructor(private readonly s3: S3Client) {}

  /** The object's size, ETag and metadata; undefined when there is none. */
  async head({ bucket, key }: ObjectRef): Promise<ObjectHead | undefined> {
    try {
      const out = await this.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return {
        size: out.ContentLength ?? 0,
        ...(out.ETag !== undefined && { etag: out.ETag }),
        ...(out.ContentType !== undefined && { contentType: out.ContentType }),
        metadata: Object.fromEntries(Object.entries(out.Metadata ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      };
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  /**
   * Server-side copy. `ifMatch` pins the source version (412 when it changed since it was looked
   * at); `metadata` replaces the source's user metadata, otherwise it is copied as is.
   */
  async copy(from: ObjectRef & { ifMatch?: string }, to: ObjectRef, replace?: { metadata: Record<string, string>; contentType?: string }): Promise<void> {
    await this.s3.send(new CopyObjectCommand({
      CopySource: `${from.bucket}/${encodeURIComponent(from.key).replace(/%2F/g, '/')}`,
      ...(from.ifMatch !== undefined && { CopySourceIfMatch: from.ifMatch }),
      Bucket: to.bucket,
      Key: to.key,
      ServerSideEncryption: 'AES256',
      ...(replace && { MetadataDirective: 'REPLACE', Metadata: replace.metadata, ...(replace.contentType !== undefined && { ContentType: replace.contentType }) }),
    }));
  }

  /** Streams `body` to the object (one 5 MiB part buffer, multipart above it; an error in `body` leaves nothing behind). */
  async upload(to: ObjectRef, body: Readable, options: { contentType: string; metadata: Record<string, string> }): Promise<void> {
    await uploadChunks(this.s3, {
      Bucket: to.bucket, Key: to.key, ContentType: options.contentType, Metadata: options.metadata, ServerSideEncryption: 'AES256',
    }, body, { partSize: S3_MIN_PART_BYTES, buffers: 1 });
  }

  /** A small text object (a journal); undefined when there is none. */
  async text({ bucket, key }: ObjectRef, maxBytes: number): Promise<string | undefined> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!out.Body) throw new Error(`s3://${bucket}/${key}: GetObject returned no body`);
      if ((out.ContentLength ?? 0) > maxBytes) {
        (out.Body as Readable).destroy();
        throw new Error(`s3://${bucket}/${key} is larger than ${maxBytes} bytes`);
      }
      return await out.Body.transformToString('utf8');
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async putJson({ bucket, key }: ObjectRef, value: unknown): Promise<void> {
    await this.s3.send(new PutObjectCommand({
      Bucket: bucket, Key: key, Body: JSON.stringify(value, null, 1), ContentType: 'application/json', ServerSideEncryption: 'AES256',
    }));
  }

  /** Deletes the object; a missing one is fine. */
  async delete({ bucket, key }: ObjectRef): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  }
}

export function isNotFound(e: unknown): boolean {
  const err = e as S3ServiceException;
  return err?.$metadata?.httpStatusCode === 404 || err?.name === 'NoSuchKey' || err?.name === 'NotFound';
}

export function isPreconditionFailed(e: unknown): boolean {
  return (e as S3ServiceException)?.$metadata?.httpStatusCode === 412;
}
