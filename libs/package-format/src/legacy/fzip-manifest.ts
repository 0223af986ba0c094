import { PackageError } from '../errors';
import { isJsonNumber } from '../json/json-number';
import type { Manifest } from '../manifest/manifest.types';

/** HouseF3's own backup manifest (".fzip"), as its FZIP export writes it: camelCase keys. */
export interface FzipManifest {
  /** "1.0": the only version HouseF3 writes. */
  readonly backupFormatVersion: string;
  readonly backupTimestamp: string;
  /** The source user: never written; the importing user replaces it. */
  readonly userId: string;
  readonly housef3Version: string;
  readonly dataSummary: {
    readonly accountsCount: number;
    readonly transactionsCount: number;
    readonly categoriesCount: number;
    readonly fileMapsCount: number;
    readonly transactionFilesCount: number;
    readonly analyticsIncluded: boolean;
  };
  readonly compatibility: { readonly minimumVersion: string; readonly supportedVersions: readonly string[] };
}

/** The format name a converted legacy backup reports (`sourceFormat`). */
export function fzipSourceFormat(manifest: Pick<FzipManifest, 'backupFormatVersion'>): string {
  return `housef3-fzip-${manifest.backupFormatVersion}`;
}

/** True when a parsed manifest.json is HouseF3's own (camelCase `backupFormatVersion`), not ours. */
export function looksLikeFzipManifest(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && ('backupFormatVersion' in value || (value as Record<string, unknown>)['packageFormat'] === 'fzip');
}

const COUNT_KEYS = ['accountsCount', 'transactionsCount', 'categoriesCount', 'fileMapsCount', 'transactionFilesCount'] as const;

/**
 * Checks a HouseF3 backup manifest and reads what a restore needs. Unknown keys are ignored
 * (HouseF3 adds job details); a missing or mistyped required key is MANIFEST_INVALID naming it;
 * a major version other than 1 is UNSUPPORTED_VERSION.
 */
export function parseFzipManifest(value: unknown): FzipManifest {
  const invalid = (reason: string): PackageError =>
    new PackageError('MANIFEST_INVALID', `manifest.json of this HouseF3 backup (.fzip) is not valid: ${reason}`, { entry: 'manifest.json' });
  const m = value as Record<string, unknown>;
  const text = (key: string, from: Record<string, unknown> = m, where = key): string => {
    const v = from[key];
    if (typeof v !== 'string' || v.length === 0) throw invalid(`${where} must be a non-empty string`);
    return v;
  };
  const version = text('backupFormatVersion');
  const match = /^(\d+)\.(\d+)$/.exec(version);
  if (match === null) throw invalid(`backupFormatVersion ${JSON.stringify(version.slice(0, 40))} is not a version like "1.0"`);
  if (match[1] !== '1') {
    throw new PackageError('UNSUPPORTED_VERSION', `this HouseF3 backup (.fzip) has format ${version}; only 1.x can be restored: restore it with the HouseF3 version that wrote it`, {
      entry: 'manifest.json',
      details: { declared: version },
    });
  }
  if (m['packageFormat'] !== undefined && m['packageFormat'] !== 'fzip') throw invalid(`packageFormat is ${JSON.stringify(m['packageFormat'])}, expected "fzip"`);
  const summary = m['dataSummary'];
  if (typeof summary !== 'object' || summary === null || Array.isArray(summary)) throw invalid('dataSummary must be an object');
  const s = summary as Record<string, unknown>;
  const counts = {} as Record<(typeof COUNT_KEYS)[number], number>;
  for (const key of COUNT_KEYS) {
    const raw = s[key];
    const n = isJsonNumber(raw) ? Number(raw.text) : raw;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw invalid(`dataSummary.${key} must be a whole number >= 0`);
    counts[key] = n;
  }
  const analytics = s['analyticsIncluded'];
  if (analytics !== undefined && typeof analytics !== 'boolean') throw invalid('dataSummary.analyticsIncluded must be true or false');
  const compatibility = (typeof m['compatibility'] === 'object' && m['compatibility'] !== null ? m['compatibility'] : {}) as Record<string, unknown>;
  const supported = Array.isArray(compatibility['supportedVersions']) ? compatibility['supportedVersions'].filter((v): v is string => typeof v === 'string') : [];
  return {
    backupFormatVersion: version,
    backupTimestamp: text('backupTimestamp'),
    userId: text('userId'),
    housef3Version: typeof m['housef3Version'] === 'string' ? m['housef3Version'] : 'unknown',
    dataSummary: { ...counts, analyticsIncluded: analytics === true },
    compatibility: { minimumVersion: typeof compatibility['minimumVersion'] === 'string' ? compatibility['minimumVersion'] : '', supportedVersions: supported },
  };
}

/**
 * The current manifest model for a legacy backup: the counts it claims (not guarantees: HouseF3
 * truncated some lists), no checksums (it carries none; original files get the sha256 of their
 * CRC-checked bytes, see inspectFzip), no entries list, no declared missing files.
 */
export function manifestOfFzip(fzip: FzipManifest, fileChecksums: Readonly<Record<string, string>>): Manifest {
  const s = fzip.dataSummary;
  return {
    export_format_version: '1.1',
    export_timestamp: fzip.backupTimestamp,
    user_id: fzip.userId,
    housef3_version: fzip.housef3Version,
    data_summary: {
      accounts_count: s.accountsCount,
      transactions_count: s.transactionsCount,
      categories_count: s.categoriesCount,
      file_maps_count: s.fileMapsCount,
      transaction_files_count: s.transactionFilesCount,
      analytics_included: s.analyticsIncluded,
    },
    checksums: fileChecksums,
    compatibility: { minimum_version: fzip.compatibility.minimumVersion, supported_versions: fzip.compatibility.supportedVersions },
    record_counts: {
      accounts: s.accountsCount,
      transactions: s.transactionsCount,
      categories: s.categoriesCount,
      file_maps: s.fileMapsCount,
      transaction_files: s.transactionFilesCount,
      analytics: null,
      // HouseF3's backups carry none of the user's own state (format 1.2 entities)
      user_preferences: null,
      recurring_charge_patterns: null,
      recurring_charge_predictions: null,
      pattern_feedback: null,
    },
    entries: [],
    missing_files: [],
  };
}
