import { PackageError } from '../errors';
import { assertReadableVersion, compareFormatVersions, formatVersionText, isNewerMinor, parseFormatVersion } from './format-version';

describe('format versions', () => {
  it('parses major.minor', () => {
    expect(parseFormatVersion('1.0')).toEqual({ major: 1, minor: 0 });
    expect(parseFormatVersion('12.34')).toEqual({ major: 12, minor: 34 });
    for (const bad of ['1', '1.0.0', '1.a', ' 1.0', '1.01', 1.0, null]) expect(parseFormatVersion(bad)).toBeUndefined();
  });

  it('orders and prints versions', () => {
    expect(compareFormatVersions({ major: 1, minor: 10 }, { major: 1, minor: 9 })).toBeGreaterThan(0);
    expect(formatVersionText({ major: 1, minor: 1 })).toBe('1.1');
  });

  it('reads 1.x, refuses other majors naming both versions', () => {
    expect(() => assertReadableVersion({ major: 1, minor: 0 })).not.toThrow();
    expect(() => assertReadableVersion({ major: 1, minor: 7 })).not.toThrow();
    expect(() => assertReadableVersion({ major: 3, minor: 2 })).toThrow(new PackageError('UNSUPPORTED_VERSION', 'package format 3.2 is newer than this system reads (1.2); upgrade HouseF3 backup before importing it'));
    expect(() => assertReadableVersion({ major: 0, minor: 9 })).toThrow(/older than any format this system reads/);
  });

  it('knows a newer minor', () => {
    expect(isNewerMinor({ major: 1, minor: 3 })).toBe(true);
    expect(isNewerMinor({ major: 1, minor: 2 })).toBe(false);
    expect(isNewerMinor({ major: 1, minor: 1 })).toBe(false);
    expect(isNewerMinor({ major: 2, minor: 5 })).toBe(false);
  });
});
