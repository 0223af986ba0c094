import { FileToRestoreV1 } from '@housef3/contracts';
import { PermanentError } from '@housef3/platform';
import { userImportsPrefix } from './restore-layout';

/** What the restorer needs to know of one original file in the package. */
export interface PackagedFile {
  readonly path: string;
  readonly size: number;
  readonly checksum: string;
}

const MAX_LISTED = 10;

/**
 * Refuses, before anything is read or written, a chunk that could touch what is not the user's:
 * a package outside the user's imports, a target key outside `{userId}/{fileId}/`, the same file
 * or key twice. Every offending file is named.
 */
export function checkRestoreRequest(userId: string, packageKey: string, files: readonly FileToRestoreV1[]): void {
  if (!packageKey.startsWith(userImportsPrefix(userId))) {
    throw new PermanentError('PACKAGE_KEY_REFUSED', `package ${packageKey} is not under ${userImportsPrefix(userId)}: a restore reads only the user's own uploads`);
  }
  const refused = files.filter((f) => !isTargetKeyOf(userId, f.fileId, f.targetKey));
  if (refused.length > 0) {
    throw new PermanentError('TARGET_KEY_REFUSED', `${refused.length} target key(s) are not {userId}/{fileId}/{fileName} of user ${userId}: ${listed(refused.map((f) => `${f.fileId} -> ${f.targetKey}`))}`);
  }
  const twice = duplicates(files.map((f) => f.fileId)).concat(duplicates(files.map((f) => f.targetKey)));
  if (twice.length > 0) throw new PermanentError('DUPLICATE_FILE', `the chunk names the same file or target key more than once: ${listed(twice)}`);
}

/** `{userId}/{fileId}/{fileName}` with a non-empty name: never another user's prefix. */
export function isTargetKeyOf(userId: string, fileId: string, targetKey: string): boolean {
  const prefix = `${userId}/${fileId}/`;
  return userId.length > 0 && targetKey.startsWith(prefix) && targetKey.length > prefix.length;
}

/**
 * Checks the chunk against the package's manifest before writing: every entry is an original
 * file of the package, with the size and checksum the import-service expects.
 */
export function checkAgainstPackage(files: readonly FileToRestoreV1[], packaged: readonly PackagedFile[]): void {
  const byPath = new Map(packaged.map((p) => [p.path, p]));
  const problems: string[] = [];
  let code = '';
  for (const f of files) {
    const entry = byPath.get(f.entryName);
    if (!entry) {
      problems.push(`${f.entryName}: not an original file of the package`);
      code ||= 'ENTRY_MISSING';
    } else if (entry.size !== f.size) {
      problems.push(`${f.entryName}: the package holds ${entry.size} bytes, the import expects ${f.size}`);
      code ||= 'SIZE_MISMATCH';
    } else if (entry.checksum.toLowerCase() !== f.sha256.toLowerCase()) {
      problems.push(`${f.entryName}: the package's checksum is ${entry.checksum}, the import expects ${f.sha256}`);
      code ||= 'CHECKSUM_MISMATCH';
    }
  }
  if (problems.length > 0) throw new PermanentError(code, `${problems.length} file(s) of the chunk do not match the package: ${listed(problems)}`);
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(values.filter((v) => seen.has(v) || !seen.add(v)))];
}

function listed(items: readonly string[]): string {
  const shown = items.slice(0, MAX_LISTED).join('; ');
  return items.length > MAX_LISTED ? `${shown}; and ${items.length - MAX_LISTED} more` : shown;
}
