import { ExportOptionsV1 } from '@housef3/contracts';
import { Account, FileMap, TransactionFile } from '@housef3/package-format';

/**
 * Which small records (accounts, files, file maps) go with a selective export, so that the
 * package restores on its own: every reference from an included record resolves inside it.
 * (docs/export.md, "Selective exports")
 */
export interface SmallRecords {
  accounts: Account[];
  files: TransactionFile[];
  fileMaps: FileMap[];
}

export interface Selection {
  accounts: Account[];
  files: TransactionFile[];
  fileMaps: FileMap[];
}

const overlaps = (file: TransactionFile, range: { from: number; to: number }) =>
  !file.dateRange || (file.dateRange.endDate >= range.from && file.dateRange.startDate <= range.to);

/** Files a selective export starts from, before the files its transactions reference are added. */
export function initialFiles(options: ExportOptionsV1, files: TransactionFile[]): TransactionFile[] {
  if (options.categoriesOnly) return [];
  return files.filter((f) =>
    (!options.accountIds || (f.accountId !== undefined && options.accountIds.includes(f.accountId))) && (!options.dateRange || overlaps(f, options.dateRange)));
}

/**
 * Closes the selection over references: files referenced by exported transactions, the file maps
 * of included accounts and files, and the accounts those files and maps point to.
 */
export function closeSelection(options: ExportOptionsV1, all: SmallRecords, referencedFileIds: ReadonlySet<string>): Selection {
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
