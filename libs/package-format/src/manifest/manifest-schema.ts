import { PackageError, type PackageWarning } from '../errors';
import { JsonNumber } from '../json/json-number';
import type { JsonObject, JsonValue } from '../json/json-value';
import { ENTITIES_BEFORE_1_2, PACKAGE_ENTITIES, MANIFEST_PATH } from '../layout/package-layout';
import type { PackageLimits } from '../limits';
import { assertReadableVersion, formatVersionText, isNewerMinor, parseFormatVersion, type FormatVersion } from '../versions/format-version';
import { parseChecksum } from './checksum';
import type { Compatibility, DataSummary, FormatAddition, Manifest, ManifestEntry, ManifestV1_0, MissingFile, RecordCounts } from './manifest.types';

const V1_0_KEYS = ['export_format_version', 'export_timestamp', 'user_id', 'housef3_version', 'data_summary', 'checksums', 'compatibility'];
const V1_1_KEYS = [...V1_0_KEYS, 'record_counts', 'entries', 'missing_files'];
const V1_2_KEYS = [...V1_1_KEYS, 'format_additions'];
/** data_summary fields added by format 1.2. */
const SUMMARY_COUNTS_1_2 = ['recurring_charge_patterns_count', 'recurring_charge_predictions_count', 'pattern_feedback_count'] as const;
const SUMMARY_COUNTS = ['accounts_count', 'transactions_count', 'categories_count', 'file_maps_count', 'transaction_files_count'] as const;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** A manifest as declared by the package, validated, before migration to the current model. */
export type DeclaredManifest = { readonly version: FormatVersion } & ({ readonly minor: 0; readonly manifest: ManifestV1_0 } | { readonly minor: 1; readonly manifest: Manifest });

export interface ParsedManifest {
  readonly declared: DeclaredManifest;
  readonly warnings: readonly PackageWarning[];
}

/**
 * Validates manifest.json (as read by the JSON reader: numbers are JsonNumber) against the schema
 * of its declared version. The version is checked first, so a 2.0 manifest is refused as
 * UNSUPPORTED_VERSION whatever its shape. Every schema problem is collected and reported in one
 * MANIFEST_INVALID error. Unknown fields are errors, except in a newer minor version, where they
 * are expected additions and become warnings.
 */
export function parseManifest(raw: JsonValue, limits: PackageLimits): ParsedManifest {
  if (!isObject(raw)) throw invalid(['manifest.json must be a JSON object']);
  const versionText = raw['export_format_version'];
  const version = parseFormatVersion(versionText);
  if (version === undefined) {
    throw invalid([`export_format_version must be a version string such as "1.1", got ${describe(versionText)}`]);
  }
  assertReadableVersion(version);
  const check = new Checker(isNewerMinor(version), limits, version.minor >= 2);
  const minor = version.minor === 0 ? 0 : 1;
  check.keys(raw, '', minor === 0 ? V1_0_KEYS : version.minor >= 2 ? V1_2_KEYS : V1_1_KEYS, ['format_additions']);
  const base: ManifestV1_0 = {
    export_format_version: formatVersionText(version),
    export_timestamp: check.timestamp(raw, 'export_timestamp'),
    user_id: check.text(raw, 'user_id', ''),
    housef3_version: check.text(raw, 'housef3_version', ''),
    data_summary: check.dataSummary(raw['data_summary']),
    checksums: check.checksums(raw['checksums']),
    compatibility: check.compatibility(raw['compatibility']),
  };
  if (minor === 0) {
    check.throwIfInvalid();
    return { declared: { version, minor, manifest: base }, warnings: check.warnings };
  }
  const manifest: Manifest = {
    ...base,
    record_counts: check.recordCounts(raw['record_counts']),
    entries: check.entries(raw['entries']),
    missing_files: check.missingFiles(raw['missing_files']),
    ...(version.minor >= 2 ? { format_additions: check.formatAdditions(raw['format_additions']) } : {}),
  };
  check.throwIfInvalid();
  return { declared: { version, minor, manifest }, warnings: check.warnings };
}

class Checker {
  readonly issues: string[] = [];
  readonly warnings: PackageWarning[] = [];

  constructor(
    private readonly newerMinor: boolean,
    private readonly limits: PackageLimits,
    /** the package is format 1.2 or later: it may hold the 1.2 entities */
    private readonly since1_2: boolean = false,
  ) {}

  throwIfInvalid(): void {
    if (this.issues.length > 0) throw invalid(this.issues);
  }

  /** `optional`: known keys that may be absent (the additions of format 1.2, read as "none" when absent). */
  keys(object: JsonObject, path: string, known: readonly string[], optional: readonly string[] = []): void {
    for (const key of known) {
      if (!(key in object) && !optional.includes(key)) this.issues.push(`${path}${key} is missing`);
    }
    for (const key of Object.keys(object)) {
      if (known.includes(key)) continue;
      if (this.newerMinor) {
        this.warnings.push({ code: 'UNKNOWN_MANIFEST_FIELD', entry: MANIFEST_PATH, message: `manifest field ${path}${key} is not known to this version and was ignored` });
      } else {
        this.issues.push(`${path}${key} is not a field of the manifest schema`);
      }
    }
  }

  text(object: JsonObject, key: string, path: string): string {
    const value = object[key];
    if (value === undefined) return '';
    if (typeof value !== 'string' || value.length === 0 || value.length > 1000) {
      this.issues.push(`${path}${key} must be a non-empty string, got ${describe(value)}`);
      return '';
    }
    return value;
  }

  timestamp(object: JsonObject, key: string): string {
    const value = this.text(object, key, '');
    if (value !== '' && (!RFC3339.test(value) || Number.isNaN(Date.parse(value)))) {
      this.issues.push(`${key} must be an ISO 8601 date-time such as "2024-01-15T10:30:00Z", got ${describe(value)}`);
    }
    return value;
  }

  count(object: JsonObject, key: string, path: string): number {
    const value = object[key];
    if (value === undefined) return 0;
    if (!(value instanceof JsonNumber) || !/^(0|[1-9]\d{0,15})$/.test(value.text) || !Number.isSafeInteger(Number(value.text))) {
      this.issues.push(`${path}${key} must be a non-negative integer, got ${describe(value)}`);
      return 0;
    }
    return Number(value.text);
  }

  recordCount(object: JsonObject, key: string, path: string): number {
    const count = this.count(object, key, path);
    if (count > this.limits.maxRecordsPerEntity) {
      throw new PackageError(
        'LIMIT_RECORD_COUNT',
        `manifest.json declares ${count} records for ${path}${key}, more than the limit of ${this.limits.maxRecordsPerEntity} (maxRecordsPerEntity)`,
        { entry: MANIFEST_PATH, details: { declared: count, limit: this.limits.maxRecordsPerEntity } },
      );
    }
    return count;
  }

  dataSummary(value: JsonValue | undefined): DataSummary {
    const object = this.object(value, 'data_summary');
    if (object === undefined) return emptySummary();
    const additions = ['user_preferences_included', ...SUMMARY_COUNTS_1_2];
    this.keys(object, 'data_summary.', this.since1_2 ? [...SUMMARY_COUNTS, 'analytics_included', ...additions] : [...SUMMARY_COUNTS, 'analytics_included'], additions);
    const flag = (key: string): boolean => {
      const value = object[key];
      if (value !== undefined && typeof value !== 'boolean') this.issues.push(`data_summary.${key} must be true or false, got ${describe(value)}`);
      return value === true;
    };
    const included = flag('analytics_included');
    const since1_2 = this.since1_2
      ? {
          ...('user_preferences_included' in object ? { user_preferences_included: flag('user_preferences_included') } : {}),
          ...Object.fromEntries(SUMMARY_COUNTS_1_2.filter((key) => key in object).map((key) => [key, this.recordCount(object, key, 'data_summary.')])),
        }
      : {};
    return {
      accounts_count: this.recordCount(object, 'accounts_count', 'data_summary.'),
      transactions_count: this.recordCount(object, 'transactions_count', 'data_summary.'),
      categories_count: this.recordCount(object, 'categories_count', 'data_summary.'),
      file_maps_count: this.recordCount(object, 'file_maps_count', 'data_summary.'),
      transaction_files_count: this.recordCount(object, 'transaction_files_count', 'data_summary.'),
      analytics_included: included,
      ...since1_2,
    };
  }

  formatAdditions(value: JsonValue | undefined): FormatAddition[] {
    return this.array(value, 'format_additions').flatMap((item, i): FormatAddition[] => {
      const path = `format_additions[${i}].`;
      if (!isObject(item)) {
        this.issues.push(`format_additions[${i}] must be an object, got ${describe(item)}`);
        return [];
      }
      this.keys(item, path, ['since', 'entries', 'note']);
      const entries = item['entries'];
      const paths = Array.isArray(entries) && entries.every((e) => typeof e === 'string') ? (entries as string[]) : undefined;
      if (paths === undefined) this.issues.push(`${path}entries must be an array of entry paths, got ${describe(entries)}`);
      return [{ since: this.text(item, 'since', path), entries: paths ?? [], note: this.text(item, 'note', path) }];
    });
  }

  checksums(value: JsonValue | undefined): Record<string, string> {
    const object = this.object(value, 'checksums');
    const result: Record<string, string> = {};
    if (object === undefined) return result;
    for (const [key, checksum] of Object.entries(object)) {
      const hex = typeof checksum === 'string' ? parseChecksum(checksum) : undefined;
      if (hex === undefined) {
        this.issues.push(`checksums[${JSON.stringify(key)}] must be "sha256:" followed by 64 hex digits, got ${describe(checksum)}`);
        continue;
      }
      result[key] = `sha256:${hex}`;
    }
    return result;
  }

  compatibility(value: JsonValue | undefined): Compatibility {
    const object = this.object(value, 'compatibility');
    if (object === undefined) return { minimum_version: '', supported_versions: [] };
    this.keys(object, 'compatibility.', ['minimum_version', 'supported_versions']);
    const versions = object['supported_versions'];
    const supported: string[] = [];
    if (versions !== undefined) {
      if (!Array.isArray(versions) || versions.some((v) => typeof v !== 'string' || v.length === 0)) {
        this.issues.push(`compatibility.supported_versions must be an array of version strings, got ${describe(versions)}`);
      } else {
        supported.push(...(versions as string[]));
      }
    }
    return { minimum_version: this.text(object, 'minimum_version', 'compatibility.'), supported_versions: supported };
  }

  recordCounts(value: JsonValue | undefined): RecordCounts {
    const object = this.object(value, 'record_counts');
    const counts = Object.fromEntries(PACKAGE_ENTITIES.map((entity) => [entity, 0])) as Record<string, number | null>;
    if (object === undefined) return counts as RecordCounts;
    const known = this.since1_2 ? PACKAGE_ENTITIES : ENTITIES_BEFORE_1_2;
    this.keys(object, 'record_counts.', known, PACKAGE_ENTITIES.filter((e) => !ENTITIES_BEFORE_1_2.includes(e)));
    for (const entity of known) if (entity in object) counts[entity] = this.recordCount(object, entity, 'record_counts.');
    return counts as RecordCounts;
  }

  entries(value: JsonValue | undefined): ManifestEntry[] {
    const items = this.array(value, 'entries');
    return items.flatMap((item, i): ManifestEntry[] => {
      const path = `entries[${i}].`;
      if (!isObject(item)) {
        this.issues.push(`entries[${i}] must be an object, got ${describe(item)}`);
        return [];
      }
      this.keys(item, path, ['path', 'size', 'checksum']);
      const checksum = this.text(item, 'checksum', path);
      const hex = parseChecksum(checksum);
      if (checksum !== '' && hex === undefined) this.issues.push(`${path}checksum must be "sha256:" followed by 64 hex digits, got ${describe(checksum)}`);
      return [{ path: this.text(item, 'path', path), size: this.count(item, 'size', path), checksum: hex === undefined ? checksum : `sha256:${hex}` }];
    });
  }

  missingFiles(value: JsonValue | undefined): MissingFile[] {
    const items = this.array(value, 'missing_files');
    return items.flatMap((item, i): MissingFile[] => {
      const path = `missing_files[${i}].`;
      if (!isObject(item)) {
        this.issues.push(`missing_files[${i}] must be an object, got ${describe(item)}`);
        return [];
      }
      this.keys(item, path, ['file_id', 'file_name', 'reason']);
      return [{ file_id: this.text(item, 'file_id', path), file_name: this.text(item, 'file_name', path), reason: this.text(item, 'reason', path) }];
    });
  }

  private object(value: JsonValue | undefined, path: string): JsonObject | undefined {
    if (value === undefined) return undefined;
    if (!isObject(value)) {
      this.issues.push(`${path} must be an object, got ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  private array(value: JsonValue | undefined, path: string): JsonValue[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.issues.push(`${path} must be an array, got ${describe(value)}`);
      return [];
    }
    return value;
  }
}

function invalid(issues: readonly string[]): PackageError {
  const shown = issues.slice(0, 10).join('; ');
  const more = issues.length > 10 ? `; and ${issues.length - 10} more` : '';
  return new PackageError('MANIFEST_INVALID', `manifest.json does not follow the manifest schema: ${shown}${more}`, {
    entry: MANIFEST_PATH,
    details: { problems: issues.length },
  });
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof JsonNumber);
}

function describe(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value instanceof JsonNumber) return `the number ${value.text}`;
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}..."` : text;
}

function emptySummary(): DataSummary {
  return { accounts_count: 0, transactions_count: 0, categories_count: 0, file_maps_count: 0, transaction_files_count: 0, analytics_included: false };
}
