import { PackageError } from '@housef3/package-format';
import { errorMessage, isRetriable, PermanentError, TransientError } from '@housef3/platform';
import { isNotFound, isPreconditionFailed } from './restore-storage';

/**
 * Decides, where the file step's errors are born, whether a retry can help: S3 throttling,
 * 5xx, timeouts and dropped connections (also when wrapped, as PackageSourceError wraps a failed
 * ranged read) are transient; a package that fails its checks, a missing package, a refused key
 * are permanent and keep their code. An object that changed or vanished between two calls is
 * transient: the retry starts over from what is there (a missing package is refused at open).
 */
export function classifyRestoreError(error: unknown): TransientError | PermanentError {
  if (error instanceof PermanentError || error instanceof TransientError) return error;
  if (error instanceof PackageError) return new PermanentError(error.code, error.message, { cause: error });
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isRetriable(e)) return new TransientError(errorMessage(error), { cause: error });
    // An object that changed or vanished between a look and a copy: the retry looks again.
    if (isPreconditionFailed(e) || isNotFound(e)) return new TransientError(`an object changed while it was being worked on: ${errorMessage(error)}`, { cause: error });
  }
  return new PermanentError('FILE_RESTORE_FAILED', errorMessage(error), { cause: error });
}
