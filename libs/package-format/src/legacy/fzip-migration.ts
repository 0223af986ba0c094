import type { EntityName } from '../entities/entity-name';
import { LEGACY_FZIP_DECORATION_FIELDS } from '../entities/legacy-fields';
import type { JsonObject, JsonValue } from '../json/json-value';

/**
 * The versioned conversion of a HouseF3 backup record (".fzip") into the current record model,
 * applied before the record is validated like any other. One function per backup format
 * version; a new HouseF3 format gets a new entry, old ones stay as they are.
 *
 * Format 1.0 (HouseF3 2.x FZIP export):
 * - drops the export-only decoration HouseF3 adds to every record (exportMetadata,
 *   computedFields, hierarchyInfo, categoryAssignments, dateFormatted, uploadDateFormatted,
 *   processedDateFormatted, fileStatusInfo) and validationInfo inside file map mappings;
 * - keeps everything else exactly as HouseF3 stores it: decimal strings as written ("1E+3",
 *   "-0.00"), the bare-integer transactionHash (read losslessly), duplicate-status transactions,
 *   lower-case "other" currency, statusDate, TransactionFile dateRange {startDate, endDate};
 * - keeps the source userId: the import replaces it with the importing user's, like for any
 *   package, and recomputes transactionHash when it gives accounts new IDs (remapIds).
 */
export type FzipRecordMigration = (entity: EntityName, raw: JsonObject) => JsonObject;

export const FZIP_RECORD_MIGRATIONS: Readonly<Record<string, FzipRecordMigration>> = Object.freeze({
  '1.0': migrateFzip1_0Record,
});

/** The migration of a backup format version; 1.x versions newer than the last known read as it. */
export function fzipRecordMigration(version: string): FzipRecordMigration {
  return FZIP_RECORD_MIGRATIONS[version] ?? (FZIP_RECORD_MIGRATIONS['1.0'] as FzipRecordMigration);
}

const DECORATION = new Set(LEGACY_FZIP_DECORATION_FIELDS);

function migrateFzip1_0Record(entity: EntityName, raw: JsonObject): JsonObject {
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (DECORATION.has(key)) continue;
    out[key] = entity === 'file_maps' && key === 'mappings' && Array.isArray(value) ? value.map(withoutValidationInfo) : value;
  }
  return out;
}

function withoutValidationInfo(mapping: JsonValue): JsonValue {
  if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping) || !('validationInfo' in mapping)) return mapping;
  const { validationInfo: _decoration, ...rest } = mapping as Record<string, JsonValue>;
  return rest;
}
