import type { ExportOptionsV1 } from '@housef3/contracts';

/**
 * Which small records (accounts, files, file maps) go with a selective export, so that the
 * package restores on its own: every reference from an included record resolves inside it.
 * (docs/export.md, "Selective exports"). The export-service closes its selection with it, and the
 * gateway's estimate closes the same selection over the records' keys before anything is read.
 *
 * Only the fields the closure needs are required, so whole records and projections both fit.
 */
export interface SelectableAccount {
  accountId: string;
  defaultFileMapId?: string;
}
export interface SelectableFile {
  fileId: string;
  accountId?: string;
  fileMapId?: string;
  dateRange?: { startDate: number; endDate: number };
}
export interface SelectableFileMap {
  fileMapId: string;
  accountId?: string;
}

export interface SmallRecords<A extends SelectableAccount = SelectableAccount, F extends SelectableFile = SelectableFile, M extends SelectableFileMap = SelectableFileMap> {
  accounts: A[];
  files: F[];
  fileMaps: M[];
}

export type Selection<A extends SelectableAccount = SelectableAccount, F extends SelectableFile = SelectableFile, M extends SelectableFileMap = SelectableFileMap> = SmallRecords<A, F, M>;

const overlaps = (file: SelectableFile, range: { from: number; to: number }) =>
  !file.dateRange || (file.dateRange.endDate >= range.from && file.dateRange.startDate <= range.to);

/** Files a selective export starts from, before the files its transactions reference are added. */
export function initialFiles<F extends SelectableFile>(options: ExportOptionsV1, files: F[]): F[] {
  if (options.categoriesOnly) return [];
  return files.filter((f) =>
    (!options.accountIds || (f.accountId !== undefined && options.accountIds.includes(f.accountId))) && (!options.dateRange || overlaps(f, options.dateRange)));
}

/**
 * Closes the selection over references: files referenced by exported transactions, the file maps
 * of included accounts and files, and the accounts those files and maps point to.
 */
export function closeSelection<A extends SelectableAccount, F extends SelectableFile, M extends SelectableFileMap>(
  options: ExportOptionsV1, all: SmallRecords<A, F, M>, referencedFileIds: ReadonlySet<string>,
): Selection<A, F, M> {
  if (options.format === 'complete') return { accounts: all.accounts, files: all.files, fileMaps: all.fileMaps };
  if (options.categoriesOnly) return { accounts: [], files: [], fileMaps: [] };

  const fileIds = new Set([...initialFiles(options, all.files).map((f) => f.fileId), ...referencedFileIds]);
  const accountIds = new Set(options.accountIds ?? all.accounts.map((a) => a.accountId));
  const mapIds = new Set<string>(options.accountIds ? [] : all.fileMaps.map((m) => m.fileMapId));
  // Iterate to a fixed point: maps bring accounts, accounts bring maps (a handful of records).
  for (let changed = true; changed; ) {
    const before = accountIds.size + mapIds.size;
    for (const f of all.files) {
      if (!fileIds.has(f.fileId)) continue;
      if (f.accountId) accountIds.add(f.accountId);
      if (f.fileMapId) mapIds.add(f.fileMapId);
    }
    for (const a of all.accounts) if (accountIds.has(a.accountId) && a.defaultFileMapId) mapIds.add(a.defaultFileMapId);
    for (const m of all.fileMaps) {
      if (m.accountId && accountIds.has(m.accountId)) mapIds.add(m.fileMapId);
      if (mapIds.has(m.fileMapId) && m.accountId) accountIds.add(m.accountId);
    }
    changed = accountIds.size + mapIds.size !== before;
  }
  return {
    accounts: all.accounts.filter((a) => accountIds.has(a.accountId)),
    files: all.files.filter((f) => fileIds.has(f.fileId)),
    fileMaps: all.fileMaps.filter((m) => mapIds.has(m.fileMapId)),
  };
}
