import { ExportJob, ImportJob } from '@housef3/jobs';
import { PermanentError } from '@housef3/platform';
import { checkPackageDelete, checkRestore, checkRestoreCompensation, CommandRefused } from './command-checks';

const NOW = 1_700_000_000_000;
const exportJob = (over: Partial<ExportJob> = {}): ExportJob => ({
  exportId: 'e-1', userId: 'alice', status: 'completed', exportType: 'complete', requestedAt: NOW - 1000, parameters: {} as ExportJob['parameters'],
  estimate: { records: 0, bytes: 0 }, progress: { phase: 'done', recordsDone: 0, bytesDone: 0 }, packageKey: 'exports/alice/e-1/export.zip',
  expiresAt: NOW + 1000, attempt: 1, ...over,
});
const importJob = (over: Partial<ImportJob> = {}): ImportJob => ({
  importId: 'i-1', userId: 'alice', status: 'processing', uploadedAt: NOW, uploadKey: 'imports/alice/i-1/package.zip', uploadExpiresAt: NOW,
  maxPackageBytes: 1, attempt: 1, ...over,
}) as ImportJob;
const del = (userId: string, payload: { exportId: string; packageKey: string; reason: 'expired' | 'deleted_by_user' | 'superseded' }) => ({ userId, payload });
const restore = (userId: string, packageKey: string) => ({ userId, payload: { importId: 'i-1', packageKey, chunk: 0, files: [] } });
const compensate = (userId: string) => ({ userId, payload: { importId: 'i-1', chunk: 0, targetKeys: [] } });

function refusal(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CommandRefused);
    expect(e).toBeInstanceOf(PermanentError);
    return (e as CommandRefused).code;
  }
  throw new Error('not refused');
}

describe('package delete: the export job must back it', () => {
  const key = 'exports/alice/e-1/export.zip';
  it('accepts the export-service\'s own commands', () => {
    expect(() => checkPackageDelete(exportJob({ deleteRequestedAt: NOW }), del('alice', { exportId: 'e-1', packageKey: key, reason: 'deleted_by_user' }), NOW)).not.toThrow();
    expect(() => checkPackageDelete(exportJob({ expiresAt: NOW - 1 }), del('alice', { exportId: 'e-1', packageKey: key, reason: 'expired' }), NOW)).not.toThrow();
    expect(() => checkPackageDelete(exportJob({ status: 'expired' }), del('alice', { exportId: 'e-1', packageKey: key, reason: 'expired' }), NOW)).not.toThrow();
    expect(() => checkPackageDelete(exportJob({ status: 'failed' }), del('alice', { exportId: 'e-1', packageKey: key, reason: 'superseded' }), NOW)).not.toThrow();
  });
  it('refuses an unknown job, another owner, another key and a live package, each with its code', () => {
    expect(refusal(() => checkPackageDelete(undefined, del('alice', { exportId: 'e-1', packageKey: key, reason: 'expired' }), NOW))).toBe('JOB_NOT_FOUND');
    expect(refusal(() => checkPackageDelete(exportJob({ deleteRequestedAt: NOW }), del('mallory', { exportId: 'e-1', packageKey: key, reason: 'deleted_by_user' }), NOW))).toBe('OWNER_MISMATCH');
    expect(refusal(() => checkPackageDelete(exportJob({ deleteRequestedAt: NOW }), del('alice', { exportId: 'e-1', packageKey: 'exports/bob/e-9/export.zip', reason: 'deleted_by_user' }), NOW))).toBe('KEY_MISMATCH');
    expect(refusal(() => checkPackageDelete(exportJob(), del('alice', { exportId: 'e-1', packageKey: key, reason: 'expired' }), NOW))).toBe('JOB_STATE_REFUSED');
    expect(refusal(() => checkPackageDelete(exportJob(), del('alice', { exportId: 'e-1', packageKey: key, reason: 'deleted_by_user' }), NOW))).toBe('JOB_STATE_REFUSED');
    expect(refusal(() => checkPackageDelete(exportJob(), del('alice', { exportId: 'e-1', packageKey: key, reason: 'superseded' }), NOW))).toBe('JOB_STATE_REFUSED');
  });
  it('names the reason in the message (it becomes the dead letter\'s detail)', () => {
    expect(() => checkPackageDelete(exportJob(), del('mallory', { exportId: 'e-1', packageKey: key, reason: 'expired' }), NOW)).toThrow(/^OWNER_MISMATCH: export e-1 is not the sender's \(mallory\)$/);
  });
});

describe('restore and its compensation: the import job must back them', () => {
  it('reads only the pinned package of a processing import of the sender', () => {
    expect(() => checkRestore(importJob(), restore('alice', 'imports/alice/i-1/package.zip'))).not.toThrow();
    const pinned = importJob({ packageKey: 'imports/alice/i-1/pinned/package.zip' });
    expect(() => checkRestore(pinned, restore('alice', 'imports/alice/i-1/pinned/package.zip'))).not.toThrow();
    expect(refusal(() => checkRestore(pinned, restore('alice', 'imports/alice/i-1/package.zip')))).toBe('KEY_MISMATCH');
    expect(refusal(() => checkRestore(importJob(), restore('mallory', 'imports/alice/i-1/package.zip')))).toBe('OWNER_MISMATCH');
    expect(refusal(() => checkRestore(undefined, restore('alice', 'imports/alice/i-1/package.zip')))).toBe('JOB_NOT_FOUND');
    for (const status of ['validating', 'completed', 'failed', 'cancelled', 'compensating'] as const) {
      expect(refusal(() => checkRestore(importJob({ status }), restore('alice', 'imports/alice/i-1/package.zip')))).toBe('JOB_STATE_REFUSED');
    }
  });
  it('compensates only a compensating import of the sender', () => {
    expect(() => checkRestoreCompensation(importJob({ status: 'compensating' }), compensate('alice'))).not.toThrow();
    expect(refusal(() => checkRestoreCompensation(importJob({ status: 'completed' }), compensate('alice')))).toBe('JOB_STATE_REFUSED');
    expect(refusal(() => checkRestoreCompensation(importJob({ status: 'compensating' }), compensate('mallory')))).toBe('OWNER_MISMATCH');
    expect(refusal(() => checkRestoreCompensation(undefined, compensate('alice')))).toBe('JOB_NOT_FOUND');
  });
});
