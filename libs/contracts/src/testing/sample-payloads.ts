import { EntityCountsV1, WriteCountsV1 } from '../messages/common';
import { MessageType, PayloadOf } from '../registry';

const JOB = '0b5f2a3e-9c1d-4f7a-8e2b-6d4c3b2a1f00';
const FILE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const SHA = `sha256:${'ab'.repeat(32)}`;
const counts = (): EntityCountsV1 => ({ accounts: 2, transactions: 10, categories: 3, file_maps: 1, transaction_files: 1, analytics: 0 });
const writes = (n = 1): WriteCountsV1 => ({ created: n, updated: 0, skipped: 0 });
const error = { code: 'TEST_FAILURE', message: 'a test failure', retriable: false };

/** A valid payload of every message type: the base the builders override. */
export const SAMPLE_PAYLOADS: { [T in MessageType]: () => PayloadOf<T> } = {
  'system.ping': () => ({ nonce: 'nonce-1' }),
  'system.pong': () => ({ nonce: 'nonce-1', service: 'export-service', instanceId: 'host-1', pingMessageId: JOB }),
  'export.requested': () => ({ exportId: JOB, options: { includeAnalytics: false, format: 'complete', description: 'Monthly backup' } }),
  'export.cancel_requested': () => ({ exportId: JOB }),
  'export.completed': () => ({
    exportId: JOB, packageKey: `packages/user-1/${JOB}/export.zip`, packageSize: 1024, packageSha256: SHA,
    counts: counts(), filesCount: 1, durationMs: 1500, expiresAt: '2026-12-01T00:00:00.000Z',
  }),
  'export.failed': () => ({ exportId: JOB, error, durationMs: 10 }),
  'export.expired': () => ({ exportId: JOB, packageKey: `packages/user-1/${JOB}/export.zip` }),
  'file.package_assemble_requested': () => ({ exportId: JOB, planKey: `staging/user-1/${JOB}/plan.json`, packageKey: `packages/user-1/${JOB}/export.zip` }),
  'file.package_assembled': () => ({ exportId: JOB, packageKey: `packages/user-1/${JOB}/export.zip`, packageSize: 1024, packageSha256: SHA, filesCount: 1, filesBytes: 10 }),
  'file.package_assembly_failed': () => ({
    exportId: JOB, error, unreadableFiles: [{ fileId: FILE, fileName: 'statement.csv', s3Key: `user-1/${FILE}/statement.csv`, reason: 'InvalidObjectState' }],
  }),
  'file.package_delete_requested': () => ({ exportId: JOB, packageKey: `packages/user-1/${JOB}/export.zip`, reason: 'expired' }),
  'file.package_deleted': () => ({ exportId: JOB, packageKey: `packages/user-1/${JOB}/export.zip` }),
  'file.restore_requested': () => ({
    importId: JOB, packageKey: `imports/user-1/${JOB}/package.zip`, chunk: 0,
    files: [{ fileId: FILE, entryName: `files/${FILE}/statement.csv`, targetKey: `user-1/${FILE}/statement.csv`, sha256: SHA, size: 10 }],
  }),
  'file.restored': () => ({ importId: JOB, chunk: 0, restored: [{ fileId: FILE, targetKey: `user-1/${FILE}/statement.csv`, sha256: SHA, size: 10 }] }),
  'file.restore_failed': () => ({ importId: JOB, chunk: 0, error }),
  'file.restore_compensate_requested': () => ({ importId: JOB, chunk: 0, targetKeys: [`user-1/${FILE}/statement.csv`] }),
  'file.restore_compensated': () => ({ importId: JOB, chunk: 0, deleted: 1, restored: 0 }),
  'import.requested': () => ({
    importId: JOB, packageKey: `imports/user-1/${JOB}/package.zip`,
    options: { overwriteExisting: false, validateOnly: false, mergeStrategy: 'fail_on_conflict', remapIds: false },
  }),
  'import.cancel_requested': () => ({ importId: JOB }),
  'import.validated': () => ({ importId: JOB, outcome: 'validation_passed', valid: counts(), warnings: 0, errors: 0 }),
  'import.step_completed': () => ({ importId: JOB, step: 'transactions', chunk: 3, stepDone: false, counts: writes(500) }),
  'import.compensation_completed': () => ({ importId: JOB, step: 'transactions', deleted: 500, restored: 0 }),
  'import.completed': () => ({
    importId: JOB,
    counts: { accounts: writes(2), transactions: writes(10), categories: writes(3), file_maps: writes(1), transaction_files: writes(1), analytics: writes(0) },
    filesRestored: 1, analyticsRestored: false, regenerateAnalytics: true, idsRemapped: false, durationMs: 2000, completedAt: '2026-11-24T10:00:00.000Z',
  }),
  'import.failed': () => ({ importId: JOB, error, failedStep: 'transactions', compensated: true }),
};
