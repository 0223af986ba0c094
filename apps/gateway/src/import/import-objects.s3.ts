import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CopyObjectCommand, CreateMultipartUploadCommand, GetObjectCommand, HeadObjectCommand, ListPartsCommand, S3Client,
} from '@aws-sdk/client-s3';
import { deletePrefix } from '@housef3/platform';

export interface StoredPart {
  partNumber: number;
  size: number;
  etag: string;
}

/** The multipart upload is gone (completed or aborted), or never existed. */
export class UploadGoneError extends Error {}
/** The object is not the one last seen (its ETag changed). */
export class PackageChangedError extends Error {}
/** The byte range starts past the end of the object. */
export class RangeNotSatisfiableError extends Error {}

const status = (e: unknown) => (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
const named = (e: unknown, ...names: string[]) => names.includes((e as { name?: string })?.name ?? '');

/**
 * Our adapter over S3 for the objects the gateway reads and writes in the packages bucket: the
 * uploaded package (single or multipart) and the validation report. SDK errors that mean
 * something to a caller become our own errors; the rest propagate (and become a 500 that says
 * nothing internal).
 */
export class ImportObjects {
  constructor(private readonly s3: S3Client, private readonly bucket: string) {}

  /** Size of an object, or undefined when there is none. */
  async size(key: string): Promise<number | undefined> {
    return (await this.head(key))?.size;
  }

  /** Size and ETag of an object, or undefined when there is none. */
  async head(key: string): Promise<{ size: number; etag?: string } | undefined> {
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: head.ContentLength ?? 0, etag: head.ETag };
    } catch (e) {
      if (status(e) === 404 || named(e, 'NotFound', 'NoSuchKey')) return undefined;
      throw e;
    }
  }

  /** Copies `from` to `to` only if `from` still has `etag`; answers the copy's ETag. */
  async copyIfUnchanged(from: string, to: string, etag: string | undefined): Promise<string> {
    try {
      const copy = await this.s3.send(new CopyObjectCommand({
        Bucket: this.bucket, Key: to, CopySource: `${this.bucket}/${from.split('/').map(encodeURIComponent).join('/')}`, CopySourceIfMatch: etag,
        ServerSideEncryption: 'AES256', ContentType: 'application/zip', MetadataDirective: 'REPLACE',
      }));
      const copied = copy.CopyObjectResult?.ETag;
      if (!copied) throw new Error('S3 returned no ETag for the copy');
      return copied;
    } catch (e) {
      if (status(e) === 412 || named(e, 'PreconditionFailed')) throw new PackageChangedError('the object changed');
      throw e;
    }
  }

  /** Deletes every object under `prefix`; answers how many. */
  deletePrefix(prefix: string): Promise<number> {
    return deletePrefix(this.s3, this.bucket, prefix);
  }

  async createMultipart(key: string, contentType: string): Promise<string> {
    const out = await this.s3.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ContentType: contentType, ServerSideEncryption: 'AES256' }));
    if (!out.UploadId) throw new Error('S3 returned no upload id');
    return out.UploadId;
  }

  /** Every part uploaded so far, in part order (S3 pages of 1,000). */
  async listParts(key: string, uploadId: string): Promise<StoredPart[]> {
    const parts: StoredPart[] = [];
    let marker: string | undefined;
    try {
      for (;;) {
        const page = await this.s3.send(new ListPartsCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, MaxParts: 1000, PartNumberMarker: marker }));
        for (const p of page.Parts ?? []) parts.push({ partNumber: p.PartNumber ?? 0, size: p.Size ?? 0, etag: p.ETag ?? '' });
        if (!page.IsTruncated || !page.NextPartNumberMarker) break;
        marker = page.NextPartNumberMarker;
      }
    } catch (e) {
      if (named(e, 'NoSuchUpload') || status(e) === 404) throw new UploadGoneError('no such upload');
      throw e;
    }
    return parts.sort((a, b) => a.partNumber - b.partNumber);
  }

  async completeMultipart(key: string, uploadId: string, parts: StoredPart[]): Promise<void> {
    try {
      await this.s3.send(new CompleteMultipartUploadCommand({
        Bucket: this.bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
      }));
    } catch (e) {
      if (named(e, 'NoSuchUpload') || status(e) === 404) throw new UploadGoneError('no such upload');
      throw e;
    }
  }

  async abortMultipart(key: string, uploadId: string): Promise<void> {
    try {
      await this.s3.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }));
    } catch (e) {
      if (named(e, 'NoSuchUpload') || status(e) === 404) return;
      throw e;
    }
  }

  /** The object's bytes from `offset` on, as a stream (nothing is buffered beyond the stream's own chunks). */
  async readFrom(key: string, offset: number): Promise<Readable | undefined> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, ...(offset > 0 && { Range: `bytes=${offset}-` }) }));
      return out.Body as Readable;
    } catch (e) {
      if (status(e) === 416 || named(e, 'InvalidRange')) throw new RangeNotSatisfiableError('range not satisfiable');
      if (status(e) === 404 || named(e, 'NoSuchKey', 'NotFound')) return undefined;
      throw e;
    }
  }
}
