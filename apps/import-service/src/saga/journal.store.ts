import { AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { importPrefix } from '@housef3/jobs';
import { chunkNumbers } from '@housef3/platform';

/**
 * Write-ahead journal of one chunk of one saga step, written BEFORE the chunk's writes: the keys
 * the chunk creates, the prior versions of what it overwrites, what it skipped. Compensation
 * replays it backwards; a crash mid-chunk leaves a journal covering everything that may exist.
 */
export interface ChunkJournal {
  step: string;
  chunk: number;
  created: Record<string, AttributeValue>[];
  /** full prior items (DynamoDB JSON), put back on compensation */
  overwritten: Record<string, AttributeValue>[];
  skipped: Record<string, AttributeValue>[];
}

export class JournalStore {
  constructor(private readonly s3: S3Client, private readonly bucket: string) {}

  private key(userId: string, importId: string, step: string, chunk: number) {
    return `${importPrefix(userId, importId)}journal/${step}/chunk-${String(chunk).padStart(6, '0')}.json`;
  }

  /** Writes the journal unless one exists already; returns the one that stands. */
  async putIfAbsent(userId: string, importId: string, journal: ChunkJournal): Promise<ChunkJournal> {
    try {
      await this.s3.send(new PutObjectCommand({
        Bucket: this.bucket, Key: this.key(userId, importId, journal.step, journal.chunk), Body: JSON.stringify(journal), ContentType: 'application/json',
        ServerSideEncryption: 'AES256', IfNoneMatch: '*',
      }));
      return journal;
    } catch (e) {
      const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status !== 412 && status !== 409) throw e;
      const existing = await this.get(userId, importId, journal.step, journal.chunk);
      if (!existing) throw e;
      return existing;
    }
  }

  async get(userId: string, importId: string, step: string, chunk: number): Promise<ChunkJournal | undefined> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(userId, importId, step, chunk) }));
      return JSON.parse(await out.Body!.transformToString('utf8')) as ChunkJournal;
    } catch (e) {
      if ((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return undefined;
      throw e;
    }
  }

  /** Chunk numbers journaled for a step, highest first (the order compensation undoes them). */
  async chunks(userId: string, importId: string, step: string): Promise<number[]> {
    return chunkNumbers(this.s3, this.bucket, `${importPrefix(userId, importId)}journal/${step}/`);
  }
}
