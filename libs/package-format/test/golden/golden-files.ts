import { createHash } from 'node:crypto';

/** Why the golden's first transaction file has no original file. */
export const GOLDEN_MISSING_REASON = 'archived to S3 GLACIER (InvalidObjectState); restore it from the archive and export again';

/**
 * The bytes of a golden original file: empty for names ending in .qif, otherwise a small CSV
 * followed by bytes 0-255 (binary safety) derived from the file id.
 */
export function goldenFileBytes(fileId: string, fileName: string): Buffer {
  if (fileName.endsWith('.qif')) return Buffer.alloc(0);
  const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  return Buffer.concat([Buffer.from(`Date,Description,Amount\n2024-01-01,${fileName},-1.00\n`, 'utf8'), all, createHash('sha256').update(fileId).digest()]);
}
