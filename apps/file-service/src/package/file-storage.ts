import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand, S3Client, S3ServiceException,
} from '@aws-sdk/client-s3';

/** Storage classes whose objects cannot be read until restored. */
const ARCHIVED = new Set(['GLACIER', 'DEEP_ARCHIVE']);

export type Readability = { readable: true; size: number } | { readable: false; reason: string };

/** Our adapter over the S3 calls the file-service makes. */
export class FileStorage {
  constructor(private readonly s3: S3Client) {}

  /** Whether GetObject would succeed, without reading: missing and archived objects say why. */
  async readability(bucket: string, key: string): Promise<Readability> {
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      const restored = head.Restore?.includes('ongoing-request="false"');
      if (head.StorageClass && ARCHIVED.has(head.StorageClass) && !restored) {
        return { readable: false, reason: `InvalidObjectState: archived in ${head.StorageClass}; restore it before exporting` };
      }
      return { readable: true, size: head.ContentLength ?? 0 };
    } catch (e) {
      const status = (e as S3ServiceException).$metadata?.httpStatusCode;
      if (status === 404) return { readable: false, reason: 'NoSuchKey: the object is missing from file storage' };
      if (status === 403) return { readable: false, reason: 'AccessDenied: the object cannot be read' };
      throw e;
    }
  }

  async open(bucket: string, key: string): Promise<Readable> {
    const out = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return out.Body as Readable;
  }

  async text(bucket: string, key: string, maxBytes: number): Promise<string> {
    const out = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if ((out.ContentLength ?? 0) > maxBytes) throw new Error(`${key} is larger than ${maxBytes} bytes`);
    return out.Body!.transformToString('utf8');
  }

  async delete(bucket: string, key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  }

  /** Aborts unfinished multipart uploads of `key` (left by a worker that died mid-upload). */
  async abortUploads(bucket: string, key: string): Promise<number> {
    const out = await this.s3.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: key }));
    const uploads = (out.Uploads ?? []).filter((u) => u.Key === key);
    for (const u of uploads) await this.s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: u.UploadId }));
    return uploads.length;
  }
}
