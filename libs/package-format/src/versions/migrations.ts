import type { PackageWarning } from '../errors';
import { normalizeChecksumKeys } from '../manifest/checksum';
import type { DeclaredManifest } from '../manifest/manifest-schema';
import type { Manifest } from '../manifest/manifest.types';
import { CURRENT_FORMAT_VERSION, formatVersionText } from './format-version';
import { migrateManifest1_0To1_1, type PackageContents } from './migrate-1.0-to-1.1';

/**
 * Brings a declared manifest to the current model (1.2). 1.0 has one step to 1.1; a 1.1 manifest
 * is a 1.2 manifest without the 1.2 entities (their record counts read as 0: a 1.1 package cannot
 * hold them). A newer minor (1.3+) is a superset of 1.2: it is read as 1.2, its unknown additions
 * having been reported as warnings by the schema check.
 */
export function toCurrentManifest(declared: DeclaredManifest, contents: PackageContents): { manifest: Manifest; warnings: PackageWarning[] } {
  const current = formatVersionText(CURRENT_FORMAT_VERSION);
  const declaredText = formatVersionText(declared.version);
  if (declared.minor === 0) {
    return {
      manifest: migrateManifest1_0To1_1(declared.manifest, contents),
      warnings: [{ code: 'FORMAT_MIGRATED', entry: 'manifest.json', message: `package format ${declaredText} was read and migrated to ${current}` }],
    };
  }
  const manifest: Manifest = { ...declared.manifest, checksums: normalizeChecksumKeys(declared.manifest.checksums) };
  if (declared.version.minor > CURRENT_FORMAT_VERSION.minor) {
    return {
      manifest: { ...manifest, export_format_version: current },
      warnings: [
        {
          code: 'NEWER_MINOR_VERSION',
          entry: 'manifest.json',
          message: `package format ${declaredText} is newer than ${current}; it was read as ${current} and its additions were ignored`,
        },
      ],
    };
  }
  return { manifest, warnings: [] };
}
