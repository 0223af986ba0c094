import { createHash } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ExportPlan } from '@housef3/jobs';
import { deflateEntry } from '@housef3/package-format';
import { deletePrefix, S3_MIN_PART_BYTES, uploadChunks } from '@housef3/platform';

export interface StagedBytes {
  bytes: number;
  sha256: string;
}

/** An entry staged compressed: the entry's own size and sha256, and what was stored. */
export interface StagedDeflated extends StagedBytes {
  deflated: { crc32: number; compressedBytes: number; compressedSha256: string };
}

/**
 * The export's staging area in the packages bucket (`staging/{user}/{export}/attempt-{n}/`):
 * entity entries streamed in with their sha256, the plan, and clean-up of every attempt.
 */
export class StagingStore {
  constructor(private readonly s3: S3Client, private readonly bucket: string) {}

  /**
   * Streams `chunks` into `key`, hashing and counting on the way: one part buffer of 5 MiB, sent
   * before more bytes are taken (multipart when larger), so what staging holds does not grow with
   * the export (ADR 0118).
   */
  async put(key: string, chunks: AsyncIterable<Uint8Array>, signal?: AbortSignal, contentType = 'application/json'): Promise<StagedBytes> {
    const hash = createHash('sha256');
    const counted = (async function* () {
      for await (const chunk of chunks) {
        hash.update(chunk);
        yield chunk;
      }
    })();
    const { bytes } = await uploadChunks(this.s3, { Bucket: this.bucket, Key: key, ContentType: contentType, ServerSideEncryption: 'AES256' }, counted, { partSize: S3_MIN_PART_BYTES, buffers: 1, signal });
    return { bytes, sha256: `sha256:${hash.digest('hex')}` };
  }

  /**
   * Streams `chunks` (a package entry's text) into `key` compressed as the package will hold it
   * (raw deflate, level 6), so the file-service copies the bytes into the package without
   * decoding or compressing them again. Returns the entry's size, sha256 and CRC-32, and the
   * sha256 of the stored bytes (checked when they are read back).
   */
  async putDeflated(key: string, chunks: AsyncIterable<Uint8Array>, signal?: AbortSignal): Promise<StagedDeflated> {
    const entry = deflateEntry(chunks);
    const stored = await this.put(key, entry.chunks, signal, 'application/octet-stream');
    const summary = entry.summary();
    return { bytes: summary.size, sha256: `sha256:${summary.sha256}`, deflated: { crc32: summary.crc32, compressedBytes: stored.bytes, compressedSha256: stored.sha256 } };
  }

  async putPlan(key: string, plan: ExportPlan): Promise<void> {
    await this.s3.send(new PutObjectCommand({
      Bucket: this.bucket, Key: key, Body: JSON.stringify(plan), ContentType: 'application/json', ServerSideEncryption: 'AES256',
    }));
  }

  /** Deletes everything under `prefix` (every attempt's staging of one export), unfinished uploads of a crashed attempt included. */
  async deletePrefix(prefix: string): Promise<number> {
    return deletePrefix(this.s3, this.bucket, prefix);
  }

}
