import { PackageError } from '../errors';

/** A package format version: major.minor ("1.0", "1.1", "1.2"). */
export interface FormatVersion {
  readonly major: number;
  readonly minor: number;
}

/** The version this library writes, and the newest it fully understands. */
export const CURRENT_FORMAT_VERSION: FormatVersion = Object.freeze({ major: 1, minor: 2 });

/** The version of the design document's manifest. */
export const DESIGN_FORMAT_VERSION: FormatVersion = Object.freeze({ major: 1, minor: 0 });

export function formatVersionText(version: FormatVersion): string {
  return `${version.major}.${version.minor}`;
}

/** Parses "1.0"-style text; undefined when it is not `<major>.<minor>` with decimal integers. */
export function parseFormatVersion(text: unknown): FormatVersion | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/.exec(text);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

export function compareFormatVersions(a: FormatVersion, b: FormatVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

/**
 * Version gate. The same major is read (an older minor is migrated forward, a newer minor is read
 * with its unknown additions ignored and reported); any other major is refused with both versions
 * named, so the user knows what to upgrade.
 */
export function assertReadableVersion(version: FormatVersion): void {
  const current = formatVersionText(CURRENT_FORMAT_VERSION);
  const declared = formatVersionText(version);
  if (version.major > CURRENT_FORMAT_VERSION.major) {
    throw new PackageError(
      'UNSUPPORTED_VERSION',
      `package format ${declared} is newer than this system reads (${current}); upgrade HouseF3 backup before importing it`,
      { entry: 'manifest.json', details: { declared, supported: current } },
    );
  }
  if (version.major < CURRENT_FORMAT_VERSION.major) {
    throw new PackageError(
      'UNSUPPORTED_VERSION',
      `package format ${declared} is older than any format this system reads (${CURRENT_FORMAT_VERSION.major}.x); it was not written by HouseF3 backup`,
      { entry: 'manifest.json', details: { declared, supported: current } },
    );
  }
}

/** True when a package of this version may carry fields and entries this library does not know. */
export function isNewerMinor(version: FormatVersion): boolean {
  return version.major === CURRENT_FORMAT_VERSION.major && version.minor > CURRENT_FORMAT_VERSION.minor;
}
