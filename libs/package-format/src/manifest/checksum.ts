import { PackageError } from '../errors';
import { DATA_DIR, isPackageEntity } from '../layout/package-layout';

const CHECKSUM = /^sha256:([0-9a-fA-F]{64})$/;

/** "sha256:<lower-case hex>", the checksum notation of the design document. */
export function formatChecksum(sha256Hex: string): string {
  return `sha256:${sha256Hex.toLowerCase()}`;
}

/** The lower-case hex digest of a "sha256:<hex>" value, or undefined when it is not one. */
export function parseChecksum(value: string): string | undefined {
  const match = CHECKSUM.exec(value);
  return match ? (match[1] as string).toLowerCase() : undefined;
}

/**
 * The entry a checksum key names. Keys are written as full entry paths ("data/accounts.json",
 * "files/{id}/{name}"); the design's own example uses bare data file names ("accounts.json"),
 * which are accepted for the six entity files only (anything else bare would be ambiguous).
 */
export function checksumKeyPath(key: string): string {
  if (!key.includes('/') && key.endsWith('.json') && isPackageEntity(key.slice(0, -'.json'.length))) return `${DATA_DIR}${key}`;
  return key;
}

/**
 * Rewrites checksum keys to full entry paths. Two keys naming the same entry ("accounts.json"
 * and "data/accounts.json") are refused: the package would carry two claims about one entry.
 */
export function normalizeChecksumKeys(checksums: Readonly<Record<string, string>>): Record<string, string> {
  const result: Record<string, string> = {};
  const origin: Record<string, string> = {};
  for (const [key, value] of Object.entries(checksums)) {
    const path = checksumKeyPath(key);
    if (path in result) {
      throw new PackageError('MANIFEST_INVALID', `manifest.json lists two checksums for ${path} (keys ${JSON.stringify(origin[path])} and ${JSON.stringify(key)}); a package must make one claim per entry`, {
        entry: 'manifest.json',
      });
    }
    result[path] = value;
    origin[path] = key;
  }
  return result;
}
