import { PermanentError } from '@housef3/platform';

/** The version of an object that was at a target key before the import wrote there. */
export interface PriorVersion {
  /** its copy in the packages bucket, under the import's prefix */
  readonly backupKey: string;
  readonly size: number;
  readonly etag?: string;
}

export interface JournaledFile {
  readonly fileId: string;
  readonly targetKey: string;
  readonly sha256: string;
  readonly size: number;
  /** null: nothing was at targetKey, the import creates the object */
  readonly prior: PriorVersion | null;
}

/**
 * What one chunk of the file step is about to do, written before its first write to file
 * storage: every target key and whether an earlier object there was backed up. It is what
 * compensation undoes, even after a crash in the middle of the chunk. `compensatedAt` marks a
 * chunk compensated: a late redelivery of its restore command then writes nothing.
 */
export interface FileJournal {
  readonly version: 1;
  readonly importId: string;
  readonly userId: string;
  readonly chunk: number;
  readonly startedAt: string;
  readonly compensatedAt?: string;
  readonly files: readonly JournaledFile[];
}

/** Parses a journal read back from S3; anything unexpected is a permanent error (never guessed). */
export function parseFileJournal(text: string, where: string): FileJournal {
  const bad = (why: string) => new PermanentError('FILE_JOURNAL_CORRUPT', `${where}: ${why}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw bad(`not JSON (${(e as Error).message})`);
  }
  const j = value as Partial<FileJournal>;
  if (!isObject(j) || j.version !== 1) throw bad('not a version 1 file journal');
  if (typeof j.importId !== 'string' || typeof j.userId !== 'string' || !Number.isInteger(j.chunk) || typeof j.startedAt !== 'string') throw bad('importId, userId, chunk or startedAt missing');
  if (j.compensatedAt !== undefined && typeof j.compensatedAt !== 'string') throw bad('compensatedAt is not a string');
  if (!Array.isArray(j.files)) throw bad('files is not a list');
  j.files.forEach((f: Partial<JournaledFile>, i) => {
    const ok = isObject(f) && typeof f.fileId === 'string' && typeof f.targetKey === 'string' && typeof f.sha256 === 'string' && Number.isInteger(f.size)
      && (f.prior === null || (isObject(f.prior) && typeof f.prior.backupKey === 'string' && Number.isInteger(f.prior.size)));
    if (!ok) throw bad(`files[${i}] is malformed`);
  });
  return j as FileJournal;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
