import { PermanentError } from '@housef3/platform';
import { FileJournal, parseFileJournal } from './file-journal';
import { ObjectRef, RestoreStorage } from './restore-storage';

/** A journal lists at most one message's files (500): far below this. */
const MAX_JOURNAL_BYTES = 1024 * 1024;

/** Reads and writes the file step's chunk journals (JSON objects in the packages bucket). */
export class FileJournalStore {
  constructor(private readonly storage: RestoreStorage) {}

  /** The chunk's journal, checked to be the one of this import, user and chunk; undefined when none was written. */
  async read(ref: ObjectRef, expected: { importId: string; userId: string; chunk: number }): Promise<FileJournal | undefined> {
    const text = await this.storage.text(ref, MAX_JOURNAL_BYTES);
    if (text === undefined) return undefined;
    const where = `s3://${ref.bucket}/${ref.key}`;
    const journal = parseFileJournal(text, where);
    if (journal.importId !== expected.importId || journal.userId !== expected.userId || journal.chunk !== expected.chunk) {
      throw new PermanentError('FILE_JOURNAL_CORRUPT', `${where} belongs to import ${journal.importId}, user ${journal.userId}, chunk ${journal.chunk}`);
    }
    return journal;
  }

  async write(ref: ObjectRef, journal: FileJournal): Promise<void> {
    await this.storage.putJson(ref, journal);
  }
}
