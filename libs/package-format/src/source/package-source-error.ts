import { messageOf } from '../errors/package-error';

/**
 * The package's bytes could not be read (file system or network failure): not a problem of the
 * package, and possibly transient. Never turned into a PackageError, so callers can retry.
 */
export class PackageSourceError extends Error {
  override readonly name = 'PackageSourceError';
  constructor(source: string, cause: unknown) {
    super(`could not read ${source}: ${messageOf(cause)}`, { cause });
  }
}
