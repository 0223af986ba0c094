import { createHash } from 'node:crypto';
import {
  bufferSource,
  openPackage,
  writePackage,
  type EntityDataset,
  type EntityName,
  type PackageReader,
} from '@housef3/package-format';
import { storedZip } from './stored-zip';

/** The bytes of a dataset's original file in test packages. */
export function fileBytes(fileId: string): Buffer {
  return Buffer.from(`original bytes of ${fileId}\n`, 'utf8');
}

/**
 * A package written by the package-format writer (format 1.1) from a dataset: one original file
 * per transaction file, except those listed in `missing` (declared missing, as export does for
 * GLACIER objects). Opened for reading.
 */
export async function writtenPackage(dataset: EntityDataset, options: { missing?: readonly string[] } = {}): Promise<PackageReader> {
  const missing = new Set(options.missing ?? []);
  const { stream, done } = writePackage({
    userId: 'source-user',
    exportTimestamp: new Date('2025-01-31T23:59:58Z'),
    housef3Version: '2.5.0',
    records: dataset,
    files: dataset.transaction_files
      .filter((file) => !missing.has(file.fileId))
      .map((file) => ({ fileId: file.fileId, fileName: file.fileName, open: () => [fileBytes(file.fileId)] })),
    missingFiles: dataset.transaction_files.filter((file) => missing.has(file.fileId)).map((file) => ({ fileId: file.fileId, fileName: file.fileName, reason: 'archived to S3 GLACIER (InvalidObjectState)' })),
  });
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  await done;
  return openPackage(bufferSource(Buffer.concat(chunks), 'written test package'));
}

export interface CraftedPackage {
  /** Raw records per entity file, written as JSON as they are (bigint as a bare integer); missing entity files are empty lists. */
  readonly records: Partial<Record<EntityName, readonly unknown[]>>;
  /** Original files (fileId and entry name); default: one per transaction file record that has a fileId. */
  readonly files?: readonly { fileId: string; name: string }[];
  /** Entries whose manifest checksum is made wrong (e.g. 'data/transactions.json'). */
  readonly badChecksums?: readonly string[];
  /** Record counts the manifest declares instead of the real ones. */
  readonly declaredCounts?: Partial<Record<EntityName, number>>;
}

/**
 * A format 1.0 package (the design document's manifest) made by "another tool": what our writer
 * refuses to write (invalid records, files without records and records without files, a wrong
 * checksum) but the reader must read and report. Opened for reading.
 */
export async function craftedPackage(spec: CraftedPackage): Promise<PackageReader> {
  const entities: EntityName[] = ['accounts', 'transactions', 'categories', 'file_maps', 'transaction_files'];
  if (spec.records.analytics !== undefined) entities.push('analytics');
  const contents: { name: string; data: Buffer }[] = entities.map((entity) => ({ name: `data/${entity}.json`, data: entityJson(entity, spec.records[entity] ?? []) }));
  const files = spec.files ?? (spec.records.transaction_files ?? []).flatMap((raw) => {
    const fileId = (raw as { fileId?: unknown }).fileId;
    return typeof fileId === 'string' ? [{ fileId, name: 'statement.csv' }] : [];
  });
  for (const file of files) contents.push({ name: `files/${file.fileId}/${file.name}`, data: fileBytes(file.fileId) });
  const bad = new Set(spec.badChecksums ?? []);
  const checksums = Object.fromEntries(contents.map(({ name, data }) => [name, `sha256:${createHash('sha256').update(bad.has(name) ? Buffer.concat([data, Buffer.from('x')]) : data).digest('hex')}`]));
  const count = (entity: EntityName): number => spec.declaredCounts?.[entity] ?? spec.records[entity]?.length ?? 0;
  const manifest = {
    export_format_version: '1.0',
    export_timestamp: '2024-01-15T10:30:00Z',
    user_id: 'user_12345',
    housef3_version: '2.5.0',
    data_summary: {
      accounts_count: count('accounts'),
      transactions_count: count('transactions'),
      categories_count: count('categories'),
      file_maps_count: count('file_maps'),
      transaction_files_count: count('transaction_files'),
      analytics_included: spec.records.analytics !== undefined,
    },
    checksums,
    compatibility: { minimum_version: '2.0.0', supported_versions: ['2.0.0', '2.5.0'] },
  };
  const zip = storedZip([{ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) }, ...contents]);
  return openPackage(bufferSource(zip, 'crafted test package'));
}

/** `{"<entity>": [...]}` with bigints as bare integers, as a JSON.stringify-based tool writes it. */
function entityJson(entity: EntityName, records: readonly unknown[]): Buffer {
  const text = JSON.stringify({ [entity]: records }, (_key, value: unknown) => (typeof value === 'bigint' ? `@@bigint:${value}@@` : value));
  return Buffer.from(text.replace(/"@@bigint:(\d+)@@"/g, '$1'), 'utf8');
}
