import { createHash } from 'node:crypto';
import type { EntityDataset } from '../../src/entities';
import { craftZip, type CraftEntry } from './zip-crafter';

/**
 * Packages written the way another tool following the design document would write them: JSON
 * pretty-printed with JSON.stringify (2 spaces, keys in memory order), transactionHash as a bare
 * integer, the manifest first, sizes and CRC in local headers (no data descriptors). The base for
 * the hostile corpus and the v1.0 golden packages built in TypeScript.
 */

export type DataFiles = Record<string, Buffer>;

/** `{"<entity>": [...]}` as JSON.stringify(…, 2) would write it, bigint as a bare integer. */
export function anotherToolJson(entity: string, records: readonly unknown[]): Buffer {
  const text = JSON.stringify({ [entity]: records }, (_key, value: unknown) => (typeof value === 'bigint' ? `@@bigint:${value}@@` : value), 2);
  return Buffer.from(text.replace(/"@@bigint:(\d+)@@"/g, '$1'), 'utf8');
}

/** The five entity files of a dataset (and analytics when it has any). */
export function dataFiles(dataset: EntityDataset, options: { analytics?: boolean } = {}): DataFiles {
  const files: DataFiles = {};
  for (const entity of ['accounts', 'transactions', 'categories', 'file_maps', 'transaction_files'] as const) {
    files[`data/${entity}.json`] = anotherToolJson(entity, dataset[entity]);
  }
  if (options.analytics ?? dataset.analytics.length > 0) files['data/analytics.json'] = anotherToolJson('analytics', dataset.analytics);
  return files;
}

export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The design document's manifest (format 1.0), exactly its fields. */
export function designManifest(dataset: EntityDataset, contents: DataFiles, options: { bareDataKeys?: boolean; analyticsIncluded?: boolean } = {}): Record<string, unknown> {
  const checksums: Record<string, string> = {};
  for (const [path, bytes] of Object.entries(contents)) {
    checksums[options.bareDataKeys && path.startsWith('data/') ? path.slice('data/'.length) : path] = sha256(bytes);
  }
  return {
    export_format_version: '1.0',
    export_timestamp: '2024-01-15T10:30:00Z',
    user_id: 'user_12345',
    housef3_version: '2.5.0',
    data_summary: {
      accounts_count: dataset.accounts.length,
      transactions_count: dataset.transactions.length,
      categories_count: dataset.categories.length,
      file_maps_count: dataset.file_maps.length,
      transaction_files_count: dataset.transaction_files.length,
      analytics_included: options.analyticsIncluded ?? 'data/analytics.json' in contents,
    },
    checksums,
    compatibility: { minimum_version: '2.0.0', supported_versions: ['2.0.0', '2.5.0'] },
  };
}

/** A 1.1 manifest (1.0 plus record_counts, entries and missing_files) for the same contents. */
export function manifestV1_1(dataset: EntityDataset, contents: DataFiles, missingFiles: readonly { file_id: string; file_name: string; reason: string }[] = []): Record<string, unknown> {
  const base = designManifest(dataset, contents);
  return {
    ...base,
    export_format_version: '1.1',
    record_counts: {
      accounts: dataset.accounts.length,
      transactions: dataset.transactions.length,
      categories: dataset.categories.length,
      file_maps: dataset.file_maps.length,
      transaction_files: dataset.transaction_files.length,
      analytics: 'data/analytics.json' in contents ? dataset.analytics.length : 0,
    },
    entries: Object.entries(contents).map(([path, bytes]) => ({ path, size: bytes.length, checksum: sha256(bytes) })),
    missing_files: missingFiles,
  };
}

/** The ZIP: manifest.json first, then every content entry in the given order. */
export function craftPackage(manifest: unknown, contents: DataFiles, extra: readonly CraftEntry[] = []): Buffer {
  const manifestBytes = Buffer.isBuffer(manifest) ? manifest : Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  return craftZip([{ name: 'manifest.json', data: manifestBytes }, ...Object.entries(contents).map(([name, data]) => ({ name, data })), ...extra]);
}
