import { pipeline } from 'node:stream';
import { S3Client } from '@aws-sdk/client-s3';
import { Inject, Injectable } from '@nestjs/common';
import { ErrorInfoV1, FileToRestoreV1, MessageOf, RestoredFileV1 } from '@housef3/contracts';
import { openPackage, PackageReader } from '@housef3/package-format';
import {
  AppLogger, Clock, errorMessage, LOGGER, MessagePublisher, PermanentError, s3PackageSource, TransientError,
} from '@housef3/platform';
import { FileServiceConfig } from '../config/file-service.config';
import { checkedBytes } from './checked-bytes';
import { FileRestoreCompensator } from './file-restore.compensator';
import { FileJournal, JournaledFile, PriorVersion } from './file-journal';
import { FileJournalStore } from './file-journal.store';
import { classifyRestoreError } from './restore-errors';
import { contentTypeOf, fileBackupKey, fileJournalKey, RESTORED_BY_METADATA } from './restore-layout';
import { checkAgainstPackage, checkRestoreRequest } from './restore-request';
import { isNotFound, ObjectRef, RestoreStorage } from './restore-storage';

type RestoreRequest = MessageOf<'file.restore_requested'>;

/**
 * The file step of the import saga, one chunk per message: original files are streamed from the
 * uploaded package (each verified against the package's checksum while it streams, and against
 * the size and sha256 the import-service expects) into file storage at their target keys.
 *
 * Before the first write to file storage the chunk's journal is written, after every object
 * already at a target key was copied to the import's backup prefix, so compensation can put
 * everything back even after a crash mid-chunk. A redelivered chunk reuses its journal (never
 * backing up an object it wrote itself) and rewrites the same objects. A chunk that fails for
 * good undoes its own writes before it reports the failure: a failed chunk leaves nothing.
 */
@Injectable()
export class FileRestorer {
  constructor(
    @Inject(RestoreStorage) private readonly storage: RestoreStorage,
    @Inject(FileJournalStore) private readonly journals: FileJournalStore,
    @Inject(FileRestoreCompensator) private readonly compensator: FileRestoreCompensator,
    @Inject(S3Client) private readonly s3: S3Client,
    @Inject(MessagePublisher) private readonly publisher: MessagePublisher,
    @Inject(FileServiceConfig) private readonly config: FileServiceConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: AppLogger,
  ) {}

  /** Restores one chunk and reports it (file.restored or file.restore_failed); throws TransientError to be retried. */
  async restore(message: RestoreRequest, packageEtag?: string): Promise<void> {
    const { importId, chunk, files } = message.payload;
    const log = this.logger.child({ jobId: importId, chunk });
    const ctx = MessagePublisher.causedBy(message);
    const started = { touched: false };
    let outcome: { restored: RestoredFileV1[] } | { failure: ErrorInfoV1 };
    try {
      const restored = await this.run(message, started, packageEtag);
      if (restored === undefined) return;
      outcome = { restored };
    } catch (e) {
      const error = classifyRestoreError(e);
      if (error instanceof TransientError) throw error;
      log.warn({ err: error, code: error.code }, 'file restore refused');
      const failure = { code: error.code.slice(0, 100), message: error.message.slice(0, 4000), retriable: false };
      if (started.touched) await this.undo(message, failure);
      outcome = { failure };
    }
    if ('failure' in outcome) {
      await this.publisher.publish('file.restore_failed', { importId, chunk, error: outcome.failure }, ctx);
    } else {
      log.info({ files: files.length }, 'file chunk restored');
      await this.publisher.publish('file.restored', { importId, chunk, restored: outcome.restored }, ctx);
    }
  }

  private async run(message: RestoreRequest, started: { touched: boolean }, packageEtag: string | undefined): Promise<RestoredFileV1[] | undefined> {
    const { userId } = message;
    const { importId, packageKey, chunk, files } = message.payload;
    checkRestoreRequest(userId, packageKey, files);
    const journalRef = { bucket: this.config.PACKAGES_BUCKET, key: fileJournalKey(userId, importId, chunk) };
    const journal = await this.journals.read(journalRef, { importId, userId, chunk });
    if (journal?.compensatedAt !== undefined) {
      this.logger.warn({ jobId: importId, chunk, compensatedAt: journal.compensatedAt }, 'restore of a chunk that was already compensated: nothing written');
      return undefined;
    }
    const reader = await this.open(packageKey, packageEtag);
    try {
      checkAgainstPackage(files, reader.files);
      started.touched = true;
      await this.journalFirst(message, journalRef, journal);
      const restored: RestoredFileV1[] = [];
      for (const file of files) restored.push(await this.write(reader, file, importId));
      return restored;
    } finally {
      await reader.close();
    }
  }

  private async open(packageKey: string, etag: string | undefined): Promise<PackageReader> {
    let source;
    try {
      source = await s3PackageSource(this.s3, this.config.PACKAGES_BUCKET, packageKey, { etag });
    } catch (e) {
      if (isNotFound(e)) throw new PermanentError('PACKAGE_MISSING', `the package ${packageKey} does not exist (deleted, expired or never uploaded)`, { cause: e });
      throw e;
    }
    return openPackage(source);
  }

  /**
   * Backs up what is at each target key (unless the journal already decided it, or the object is
   * this import's own write), then writes the journal: all before the first write to file storage.
   */
  private async journalFirst(message: RestoreRequest, ref: ObjectRef, journal: FileJournal | undefined): Promise<void> {
    const { userId } = message;
    const { importId, chunk, files } = message.payload;
    const known = new Map((journal?.files ?? []).map((f) => [f.targetKey, f]));
    const entries: JournaledFile[] = [];
    let changed = journal === undefined;
    for (const f of files) {
      const before = known.get(f.targetKey);
      known.delete(f.targetKey);
      if (before) {
        changed ||= before.fileId !== f.fileId || before.sha256 !== f.sha256 || before.size !== f.size;
        entries.push({ ...before, fileId: f.fileId, sha256: f.sha256, size: f.size });
      } else {
        changed = true;
        entries.push({ fileId: f.fileId, targetKey: f.targetKey, sha256: f.sha256, size: f.size, prior: await this.backUp(userId, importId, f) });
      }
    }
    // files an earlier delivery journaled and this one does not name: compensation must still see them
    entries.push(...known.values());
    if (!changed) return;
    await this.journals.write(ref, { version: 1, importId, userId, chunk, startedAt: journal?.startedAt ?? this.clock.now().toISOString(), files: entries });
  }

  private async backUp(userId: string, importId: string, file: FileToRestoreV1): Promise<PriorVersion | null> {
    const target = { bucket: this.config.FILE_STORAGE_BUCKET, key: file.targetKey };
    const head = await this.storage.head(target);
    // nothing there, or this import's own write whose journal entry was lost: nothing to keep
    if (!head || head.metadata[RESTORED_BY_METADATA] === importId) return null;
    const backupKey = fileBackupKey(userId, importId, file.fileId);
    await this.storage.copy({ ...target, ...(head.etag !== undefined && { ifMatch: head.etag }) }, { bucket: this.config.PACKAGES_BUCKET, key: backupKey });
    return { backupKey, size: head.size, ...(head.etag !== undefined && { etag: head.etag }) };
  }

  /** One file: package entry (verified) -> size and sha256 checked -> file storage. Nothing is written when a check fails. */
  private async write(reader: PackageReader, file: FileToRestoreV1, importId: string): Promise<RestoredFileV1> {
    const entry = await reader.openEntry(file.entryName);
    const checked = checkedBytes(`${file.entryName} -> ${file.targetKey}`, file);
    pipeline(entry, checked, () => undefined);
    try {
      await this.storage.upload({ bucket: this.config.FILE_STORAGE_BUCKET, key: file.targetKey }, checked, {
        contentType: contentTypeOf(file.targetKey.slice(file.targetKey.lastIndexOf('/') + 1)),
        metadata: { [RESTORED_BY_METADATA]: importId },
      });
    } catch (e) {
      checked.destroy();
      throw e;
    }
    return { fileId: file.fileId, targetKey: file.targetKey, sha256: checked.sha256(), size: file.size };
  }

  /** A chunk that failed for good takes back what it wrote; the failure reported says whether that worked. */
  private async undo(message: RestoreRequest, failure: ErrorInfoV1): Promise<void> {
    const { importId, chunk, files } = message.payload;
    try {
      await this.compensator.undo(message.userId, importId, chunk, files.map((f) => f.targetKey), { markCompensated: false });
    } catch (e) {
      const error = classifyRestoreError(e);
      if (error instanceof TransientError) throw error;
      failure.message = `${failure.message} (undoing the chunk's writes also failed: ${errorMessage(error)}; compensate the chunk)`.slice(0, 4000);
    }
  }
}
