import { MessageOf } from '@housef3/contracts';
import { ExportJob, ImportJob } from '@housef3/jobs';
import { PermanentError } from '@housef3/platform';

/**
 * A command the job table does not back. Permanent: the bus dead-letters it with this reason
 * (`CODE: why`) and nothing is read, written or deleted.
 */
export class CommandRefused extends PermanentError {
  constructor(code: string, reason: string) {
    super(code, `${code}: ${reason}`);
    this.name = 'CommandRefused';
  }
}

type Envelope = { readonly userId: string };

/**
 * A package is deleted only when its export says so: the job exists, belongs to the sender, names
 * this very key, and is deleted by its user, expired (or past its expiry), failed or superseded.
 */
export function checkPackageDelete(job: ExportJob | undefined, message: Envelope & Pick<MessageOf<'file.package_delete_requested'>, 'payload'>, now: number): void {
  const { exportId, packageKey, reason } = message.payload;
  if (!job) throw new CommandRefused('JOB_NOT_FOUND', `export ${exportId} does not exist`);
  if (job.userId !== message.userId) throw new CommandRefused('OWNER_MISMATCH', `export ${exportId} is not the sender's (${message.userId})`);
  if (job.packageKey !== packageKey) throw new CommandRefused('KEY_MISMATCH', `export ${exportId}'s package is not ${packageKey}`);
  const expired = job.status === 'expired' || (job.status === 'completed' && job.expiresAt !== undefined && job.expiresAt <= now);
  const allowed = reason === 'deleted_by_user' ? job.deleteRequestedAt !== undefined : reason === 'expired' ? expired : job.status === 'failed' || job.deleteRequestedAt !== undefined;
  if (!allowed) throw new CommandRefused('JOB_STATE_REFUSED', `export ${exportId} is ${job.status}${job.deleteRequestedAt ? ' (deleted)' : ''}: its package is not to be deleted as ${reason}`);
}

/** The key the import reads its package from: the pinned copy once the import started, else the upload. */
export function importPackageKey(job: Pick<ImportJob, 'packageKey' | 'uploadKey'>): string {
  return job.packageKey ?? job.uploadKey;
}

/** Original files are restored only for a running import of the sender, from that import's package. */
export function checkRestore(job: ImportJob | undefined, message: Envelope & Pick<MessageOf<'file.restore_requested'>, 'payload'>): void {
  const { importId, packageKey } = message.payload;
  owned(job, importId, message.userId);
  if (job!.status !== 'processing') throw new CommandRefused('JOB_STATE_REFUSED', `import ${importId} is ${job!.status}, not processing: no file is restored`);
  if (importPackageKey(job!) !== packageKey) throw new CommandRefused('KEY_MISMATCH', `import ${importId} does not read its package from ${packageKey}`);
}

/** A restore is compensated only while the sender's import rolls back. */
export function checkRestoreCompensation(job: ImportJob | undefined, message: Envelope & Pick<MessageOf<'file.restore_compensate_requested'>, 'payload'>): void {
  const { importId } = message.payload;
  owned(job, importId, message.userId);
  if (job!.status !== 'compensating') throw new CommandRefused('JOB_STATE_REFUSED', `import ${importId} is ${job!.status}, not compensating: nothing is rolled back`);
}

function owned(job: ImportJob | undefined, importId: string, userId: string): void {
  if (!job) throw new CommandRefused('JOB_NOT_FOUND', `import ${importId} does not exist`);
  if (job.userId !== userId) throw new CommandRefused('OWNER_MISMATCH', `import ${importId} is not the sender's (${userId})`);
}
