import { PackageError } from '../errors';

/**
 * Checks that an entry name is a plain relative path: not absolute, no "..", no backslash, no
 * empty or "." segment, no control character, not too long. Returns the error, or undefined.
 * A trailing "/" (a directory entry) is allowed here; the layout decides which are expected.
 */
export function checkEntryName(name: string, byteLength: number, maxBytes: number): PackageError | undefined {
  const shown = JSON.stringify(name.length > 200 ? `${name.slice(0, 200)}...` : name);
  if (byteLength > maxBytes) {
    return new PackageError('ENTRY_NAME_INVALID', `entry name ${shown} is ${byteLength} bytes long, more than the limit of ${maxBytes} (maxEntryNameBytes)`, { entry: name });
  }
  if (name.length === 0) return new PackageError('ENTRY_NAME_INVALID', 'the package has an entry with an empty name', { entry: name });
  if (name.includes('\\')) {
    return new PackageError('ENTRY_NAME_BACKSLASH', `entry name ${shown} contains a backslash; ZIP paths use "/" and a backslash can escape the package on Windows`, { entry: name });
  }
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) {
    return new PackageError('ENTRY_NAME_ABSOLUTE', `entry name ${shown} is an absolute path; every entry of a backup must be relative to the package`, { entry: name });
  }
  const segments = name.split('/');
  if (segments.includes('..')) {
    return new PackageError('ENTRY_NAME_TRAVERSAL', `entry name ${shown} contains ".." and points outside the package (a "zip slip" attack)`, { entry: name });
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    return new PackageError('ENTRY_NAME_INVALID', `entry name ${shown} contains a control character`, { entry: name });
  }
  const inner = name.endsWith('/') ? segments.slice(0, -1) : segments;
  if (inner.some((segment) => segment === '' || segment === '.')) {
    return new PackageError('ENTRY_NAME_INVALID', `entry name ${shown} has an empty or "." path segment`, { entry: name });
  }
  return undefined;
}
