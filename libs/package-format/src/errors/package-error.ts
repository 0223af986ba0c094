import { PACKAGE_ERROR_CODES, type PackageErrorCategory, type PackageErrorCode, type PackageWarningCode } from './error-codes';

/** Where and why, attached to every error: enough for a user or an SRE to act. */
export interface PackageErrorOptions {
  /** The entry (path inside the ZIP) the problem concerns, when there is one. */
  readonly entry?: string;
  /** Machine-readable details (sizes, limits, expected and actual values). */
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
  readonly cause?: unknown;
}

/**
 * Every problem found in a backup package, or in what was given to the writer.
 *
 * `code` is stable (see PACKAGE_ERROR_CODES); `message` is written for the user and already names
 * the entry; `entry` and `details` are there for programs.
 */
export class PackageError extends Error {
  readonly code: PackageErrorCode;
  readonly category: PackageErrorCategory;
  readonly entry?: string;
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;

  constructor(code: PackageErrorCode, message: string, options: PackageErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PackageError';
    this.code = code;
    this.category = PACKAGE_ERROR_CODES[code];
    if (options.entry !== undefined) this.entry = options.entry;
    if (options.details !== undefined) this.details = options.details;
  }

  /** A plain object for logs, job reports and the CLI's --json output. */
  toJSON(): PackageProblem {
    return problemOf(this);
  }
}

/** Raised by the writer: the input does not make a sound package, or the writer was misused. */
export class PackageWriteError extends PackageError {
  constructor(code: Extract<PackageErrorCode, `WRITE_${string}`>, message: string, options: PackageErrorOptions = {}) {
    super(code, message, options);
    this.name = 'PackageWriteError';
  }
}

/** A problem as data (what verification reports collect). */
export interface PackageProblem {
  readonly code: PackageErrorCode;
  readonly category: PackageErrorCategory;
  readonly message: string;
  readonly entry?: string;
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

/** Something worth telling the user that does not make the package unsound. */
export interface PackageWarning {
  readonly code: PackageWarningCode;
  readonly message: string;
  readonly entry?: string;
}

export function isPackageError(value: unknown): value is PackageError {
  return value instanceof PackageError;
}

export function problemOf(error: PackageError): PackageProblem {
  return {
    code: error.code,
    category: error.category,
    message: error.message,
    ...(error.entry !== undefined ? { entry: error.entry } : {}),
    ...(error.details !== undefined ? { details: error.details } : {}),
  };
}

/** The message of anything thrown (errors from another realm, such as Node internals under jest, included). */
export function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
