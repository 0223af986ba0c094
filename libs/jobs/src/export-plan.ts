import { ENTITY_KINDS, EntityKind, UUID_V4 } from '@housef3/contracts';

/**
 * What the export-service hands the file-service: the staged data entries it collected (each
 * exactly the package's `data/<entity>.json` text) and the original files to package. Stored as
 * JSON in the packages bucket under the export's staging prefix; the Kafka command only carries
 * its key, so a user with thousands of files never produces an oversized message.
 */
export interface ExportPlan {
  /** 2: entries may be staged deflated (StagedEntity.deflated); 1 (older plans): every entry is plain text */
  version: 1 | 2;
  exportId: string;
  userId: string;
  attempt: number;
  /** ISO instant the data was read: manifest export_timestamp */
  exportTimestamp: string;
  housef3Version: string;
  includeAnalytics: boolean;
  entities: StagedEntity[];
  files: PlannedFile[];
}

export interface StagedEntity {
  entity: EntityKind;
  stagingKey: string;
  records: number;
  bytes: number;
  /** `sha256:<hex>` of the entry's text (the package's checksum of it) */
  sha256: string;
  /**
   * Present when the entry was staged compressed (raw deflate, as the package holds it): the
   * staged object is those bytes, `bytes` and `sha256` are of the text they inflate to.
   */
  deflated?: { crc32: number; compressedBytes: number; compressedSha256: string };
}

export interface PlannedFile {
  fileId: string;
  fileName: string;
  /** key in the file-storage bucket */
  s3Key: string;
  /** the record's fileSize */
  size: number;
}

export class InvalidPlanError extends Error {}

const SHA256 = /^sha256:[0-9a-f]{64}$/;

/** Everything staged for one export, all attempts (deleted when the export ends). */
export function exportStagingRoot(userId: string, exportId: string): string {
  return `staging/${encodeURIComponent(userId)}/${exportId}/`;
}

/** Staging prefix of one attempt of one export. */
export function stagingPrefix(userId: string, exportId: string, attempt: number): string {
  return `${exportStagingRoot(userId, exportId)}attempt-${attempt}/`;
}

/** Checks a plan read back from S3 before any of it is trusted. */
export function parseExportPlan(text: string, expected: { exportId: string; userId: string }): ExportPlan {
  let plan: ExportPlan;
  try {
    plan = JSON.parse(text) as ExportPlan;
  } catch (e) {
    throw new InvalidPlanError(`export plan is not JSON: ${(e as Error).message}`);
  }
  const fail = (why: string): never => {
    throw new InvalidPlanError(`export plan of ${expected.exportId} is invalid: ${why}`);
  };
  if (plan?.version !== 1 && plan?.version !== 2) fail('unknown version');
  if (plan.exportId !== expected.exportId || plan.userId !== expected.userId) fail('it belongs to another export');
  if (!Array.isArray(plan.entities) || !Array.isArray(plan.files)) fail('entities/files missing');
  const prefix = exportStagingRoot(plan.userId, plan.exportId);
  for (const e of plan.entities) {
    if (!ENTITY_KINDS.includes(e.entity)) fail(`unknown entity ${String(e.entity)}`);
    if (typeof e.stagingKey !== 'string' || !e.stagingKey.startsWith(prefix) || e.stagingKey.includes('..')) fail(`staging key outside the export: ${e.stagingKey}`);
    if (!Number.isSafeInteger(e.records) || e.records < 0 || !Number.isSafeInteger(e.bytes) || e.bytes < 0 || !SHA256.test(e.sha256)) fail(`${e.entity}: bad count, size or checksum`);
    if (e.deflated !== undefined) {
      const d = e.deflated;
      if (plan.version < 2 || e.entity === 'transaction_files') fail(`${e.entity} cannot be staged deflated`);
      if (!Number.isInteger(d?.crc32) || d.crc32 < 0 || d.crc32 > 0xffffffff || !Number.isSafeInteger(d.compressedBytes) || d.compressedBytes < 0 || !SHA256.test(d.compressedSha256)) {
        fail(`${e.entity}: bad deflated summary`);
      }
    }
  }
  const ownPrefix = `${plan.userId}/`;
  for (const f of plan.files) {
    if (!UUID_V4.test(f.fileId)) fail(`bad file id ${f.fileId}`);
    if (typeof f.s3Key !== 'string' || !f.s3Key.startsWith(ownPrefix)) fail(`file ${f.fileId} is not under the user's prefix`);
    if (!Number.isSafeInteger(f.size) || f.size < 0) fail(`file ${f.fileId} has a bad size`);
  }
  return plan;
}
