import { ENTITY_KINDS, EntityKind } from '@housef3/contracts';
import type { ExportEstimate } from './export-job';

/**
 * How big an export's package will be and how long it will take, from what it will hold: the
 * records per entity and the original statement files. One model for every estimate: the one
 * shown before an export is created (POST /export/estimate), the one its job keeps for honest
 * progress (POST /export), and the completion time promised when it is accepted.
 *
 * The constants were measured on exports of seeded HouseF3 users (docs/export.md, "Estimates").
 */

/** Bytes one record takes in the package: its canonical JSON, deflated as the package holds it. */
export const PACKAGE_BYTES_PER_RECORD: Readonly<Record<EntityKind, number>> = {
  transactions: 80,
  accounts: 140,
  categories: 100,
  file_maps: 190,
  transaction_files: 170,
  analytics: 150,
  user_preferences: 200,
  recurring_charge_patterns: 340,
  recurring_charge_predictions: 180,
  pattern_feedback: 140,
};

/** Statement formats that are text: deflated into the package, they shrink to about a quarter (or less). */
export const TEXT_FILE_FORMATS: readonly string[] = ['csv', 'ofx', 'qfx', 'qif', 'json'];
/** What a text statement keeps of its size in the package; PDFs and spreadsheets keep all of it. */
export const TEXT_FILE_PACKED_RATIO = 0.25;
/** ZIP headers, central directory record and manifest line of one entry (an entity file or an original file). */
export const PACKAGE_ENTRY_OVERHEAD_BYTES = 250;
/** The manifest's fixed part and the end of the central directory. */
export const PACKAGE_BASE_BYTES = 1000;

/** Wall time of an export: start-up, then records read and staged, then bytes packaged. */
export const EXPORT_START_MS = 5000;
export const EXPORT_RECORDS_PER_SECOND = 4000;
export const EXPORT_PACKAGE_BYTES_PER_SECOND = 20_000_000;

/** A statement file as its transaction-file record describes it. */
export interface EstimatedFile {
  /** bytes as stored (the record's fileSize) */
  size: number;
  /** the record's fileFormat (csv, ofx, pdf, ...) */
  format?: string;
}

/** What an export will hold. */
export interface ExportContents {
  counts: Partial<Record<EntityKind, number>>;
  files: readonly EstimatedFile[];
}

/** Bytes a statement file of this size and format takes in the package. */
export function packedFileBytes(file: EstimatedFile): number {
  const ratio = file.format !== undefined && TEXT_FILE_FORMATS.includes(file.format.toLowerCase()) ? TEXT_FILE_PACKED_RATIO : 1;
  return Math.ceil(Math.max(0, file.size) * ratio);
}

/** Records and package bytes of an export that holds `contents`. Pure. */
export function estimateExport(contents: ExportContents): ExportEstimate {
  let records = 0;
  let bytes = PACKAGE_BASE_BYTES;
  for (const entity of ENTITY_KINDS) {
    const n = Math.max(0, Math.round(contents.counts[entity] ?? 0));
    records += n;
    // every entity the export holds has its entry, even an empty one
    if (contents.counts[entity] !== undefined) bytes += PACKAGE_ENTRY_OVERHEAD_BYTES + n * PACKAGE_BYTES_PER_RECORD[entity];
  }
  for (const file of contents.files) bytes += PACKAGE_ENTRY_OVERHEAD_BYTES + packedFileBytes(file);
  return { records, bytes };
}

/** How long an export of this estimate takes, in milliseconds (rough: the machine and the load decide). */
export function estimatedDurationMs(estimate: ExportEstimate): number {
  return EXPORT_START_MS + Math.ceil((estimate.records * 1000) / EXPORT_RECORDS_PER_SECOND) + Math.ceil((estimate.bytes * 1000) / EXPORT_PACKAGE_BYTES_PER_SECOND);
}

/**
 * A count of items keyed by date that was stopped before the end of its range: `counted` items
 * lay in [from, reached]; the rest of [from, to] is assumed to hold them as densely. Never less
 * than what was counted.
 */
export function extrapolateByDate(counted: number, from: number, reached: number, to: number): number {
  if (!(to > from) || !(reached > from)) return counted;
  const covered = Math.min(reached, to) - from;
  return Math.max(counted, Math.round((counted * (to - from)) / covered));
}
