import { importPrefix } from '@housef3/jobs';

/**
 * Where the file step of an import keeps its bookkeeping, all under the import's own prefix in
 * the packages bucket (`imports/{user}/{import}/`): one journal per chunk, one backup per
 * overwritten original. The restorer and the compensator compute these the same way.
 */
export function fileJournalKey(userId: string, importId: string, chunk: number): string {
  return `${importPrefix(userId, importId)}file-journal/chunk-${chunk}.json`;
}

export function fileBackupPrefix(userId: string, importId: string): string {
  return `${importPrefix(userId, importId)}file-backups/`;
}

export function fileBackupKey(userId: string, importId: string, fileId: string): string {
  return `${fileBackupPrefix(userId, importId)}${fileId}`;
}

/** Where an uploaded package may be read from: the user's own imports (`imports/{user}/...`). */
export function userImportsPrefix(userId: string): string {
  return `imports/${encodeURIComponent(userId)}/`;
}

/**
 * User metadata (x-amz-meta-housef3-import-id) on every object a restore writes: the import that
 * wrote it. It tells "this import wrote the object" from "it was there before" (idempotent
 * redelivery, compensation). HouseF3 ignores it; it reacts only to `fileid`, which a restore never
 * sets (a restored file must not be parsed again).
 */
export const RESTORED_BY_METADATA = 'housef3-import-id';
/** HouseF3's upload metadata: an object created with it is parsed by HouseF3. */
export const HOUSEF3_FILEID_METADATA = 'fileid';

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv',
  txt: 'text/plain',
  json: 'application/json',
  ofx: 'application/x-ofx',
  qfx: 'application/x-qfx',
  qif: 'application/qif',
  pdf: 'application/pdf',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A Content-Type from the file name's extension (application/octet-stream when unknown). */
export function contentTypeOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return (dot >= 0 && CONTENT_TYPES[fileName.slice(dot + 1).toLowerCase()]) || 'application/octet-stream';
}
