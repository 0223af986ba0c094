import { GetObjectCommand, PutObjectCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/** Our adapter over the S3 presigner: short-lived URLs for one object. */
export class S3Presigner {
  constructor(private readonly s3: S3Client) {}

  /** A GET URL that downloads `key` as an attachment named `fileName`. */
  download(bucket: string, key: string, fileName: string, expiresInS: number): Promise<string> {
    const disposition = `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: disposition }), { expiresIn: expiresInS });
  }

  /**
   * A PUT URL for exactly `contentType` and, when given, exactly `contentLength` bytes (both headers
   * are signed, so S3 refuses another type or size). SSE is part of the signature too.
   */
  upload(bucket: string, key: string, contentType: string, expiresInS: number, contentLength?: number): Promise<string> {
    const command = new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType, ContentLength: contentLength, ServerSideEncryption: 'AES256' });
    const signed = ['content-type', 'x-amz-server-side-encryption', ...(contentLength !== undefined ? ['content-length'] : [])];
    return getSignedUrl(this.s3, command, { expiresIn: expiresInS, signableHeaders: new Set(signed) });
  }

  /** A PUT URL for one part of a multipart upload, for exactly `contentLength` bytes (signed). */
  uploadPart(bucket: string, key: string, uploadId: string, partNumber: number, contentLength: number, expiresInS: number): Promise<string> {
    const command = new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: partNumber, ContentLength: contentLength });
    return getSignedUrl(this.s3, command, { expiresIn: expiresInS, signableHeaders: new Set(['content-length']) });
  }
}
