import { Inject, Injectable } from '@nestjs/common';
import { MessageOf } from '@housef3/contracts';
import { importPrefix } from '@housef3/jobs';
import { AppLogger, Clock, LOGGER, MessagePublisher, PermanentError } from '@housef3/platform';
import { FileServiceConfig } from '../config/file-service.config';
import { FileJournalStore } from './file-journal.store';
import { classifyRestoreError } from './restore-errors';
import { fileBackupPrefix, fileJournalKey, HOUSEF3_FILEID_METADATA, RESTORED_BY_METADATA } from './restore-layout';
import { RestoreStorage } from './restore-storage';

/** One target key to undo, and where its prior version was saved (when there may be one). */
interface UndoItem {
  readonly targetKey: string;
  readonly backupKey?: string;
}

export interface UndoOutcome {
  /** objects this import created, removed */
  deleted: number;
  /** prior versions put back over what this import wrote (or where it had gone) */
  restored: number;
}

/**
 * Compensation of the file step, per chunk: deletes the objects this import wrote, puts back the
 * versions it overwrote (from the backups under the import's prefix), deletes those backups, and
 * marks the chunk's journal compensated. The journal says what the chunk touched; without one
 * (the chunk never got to write) the message's target keys are used. Only objects carrying this
 * import's metadata are deleted: whatever else is at a key (the user's own original, an object
 * the chunk never got to replace) stays. Idempotent: a second run finds nothing left to do.
 */
@Injectable()
export class FileRestoreCompensator {
  constructor(
    @Inject(RestoreStorage) private readonly storage: RestoreStorage,
    @Inject(FileJournalStore) private readonly journals: FileJournalStore,
    @Inject(MessagePublisher) private readonly publisher: MessagePublisher,
    @Inject(FileServiceConfig) private readonly config: FileServiceConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: AppLogger,
  ) {}

  async compensate(message: MessageOf<'file.restore_compensate_requested'>): Promise<void> {
    const { userId } = message;
    const { importId, chunk, targetKeys, backupPrefix } = message.payload;
    if (backupPrefix !== undefined && !backupPrefix.startsWith(importPrefix(userId, importId))) {
      throw new PermanentError('BACKUP_PREFIX_REFUSED', `backupPrefix ${backupPrefix} is not under the import's own prefix ${importPrefix(userId, importId)}`);
    }
    let outcome: UndoOutcome;
    try {
      outcome = await this.undo(userId, importId, chunk, targetKeys, { markCompensated: true, backupPrefix });
    } catch (e) {
      throw classifyRestoreError(e);
    }
    this.logger.info({ jobId: importId, chunk, ...outcome }, 'file chunk compensated');
    await this.publisher.publish('file.restore_compensated', { importId, chunk, ...outcome }, MessagePublisher.causedBy(message));
  }

  /** Takes back what the chunk wrote. `markCompensated` also makes a late restore of the chunk a no-op. */
  async undo(userId: string, importId: string, chunk: number, targetKeys: readonly string[], options: { markCompensated: boolean; backupPrefix?: string }): Promise<UndoOutcome> {
    const journalRef = { bucket: this.config.PACKAGES_BUCKET, key: fileJournalKey(userId, importId, chunk) };
    const journal = await this.journals.read(journalRef, { importId, userId, chunk });
    const items = new Map<string, UndoItem>();
    for (const f of journal?.files ?? []) items.set(f.targetKey, { targetKey: f.targetKey, ...(f.prior && { backupKey: f.prior.backupKey }) });
    const backups = options.backupPrefix ?? fileBackupPrefix(userId, importId);
    for (const targetKey of targetKeys) {
      // the chunk may have backed objects up and stopped before its journal: look where the backup would be
      const fileId = targetKey.split('/')[1];
      if (!items.has(targetKey) && fileId) items.set(targetKey, { targetKey, backupKey: `${backups}${fileId}` });
    }
    const outcome: UndoOutcome = { deleted: 0, restored: 0 };
    for (const item of items.values()) {
      if (!item.targetKey.startsWith(`${userId}/`)) {
        // a restore never writes outside the user's prefix, so there is nothing of ours to undo there
        this.logger.warn({ jobId: importId, chunk, targetKey: item.targetKey }, 'compensation ignores a target key outside the user prefix');
        continue;
      }
      await this.undoOne(item, importId, outcome);
    }
    if (options.markCompensated && journal?.compensatedAt === undefined) {
      const now = this.clock.now().toISOString();
      await this.journals.write(journalRef, { ...(journal ?? { version: 1, importId, userId, chunk, startedAt: now, files: [] }), compensatedAt: now });
    }
    return outcome;
  }

  private async undoOne(item: UndoItem, importId: string, outcome: UndoOutcome): Promise<void> {
    const target = { bucket: this.config.FILE_STORAGE_BUCKET, key: item.targetKey };
    const current = await this.storage.head(target);
    const ours = current?.metadata[RESTORED_BY_METADATA] === importId;
    const backupRef = item.backupKey === undefined ? undefined : { bucket: this.config.PACKAGES_BUCKET, key: item.backupKey };
    const backup = backupRef && (await this.storage.head(backupRef));
    if (backupRef && backup && (ours || !current)) {
      // Put the prior bytes back in one step (no moment without an object), without HouseF3's
      // upload metadata: the file is already parsed, it must not be parsed again.
      const { [HOUSEF3_FILEID_METADATA]: _fileId, ...metadata } = backup.metadata;
      await this.storage.copy({ ...backupRef, ...(backup.etag !== undefined && { ifMatch: backup.etag }) }, target, {
        metadata, ...(backup.contentType !== undefined && { contentType: backup.contentType }),
      });
      outcome.restored += 1;
    } else if (ours) {
      await this.storage.delete(target);
      outcome.deleted += 1;
    }
    if (backupRef && backup) await this.storage.delete(backupRef);
  }
}
