/**
 * Errors decide where they are born whether a retry can help (kafkajs's `retriable` idea).
 * Handlers throw TransientError for "try again" (throttling, timeouts, a broker moving) and
 * PermanentError for "this message can never succeed" (bad input); anything else is treated
 * as permanent unless it carries the AWS SDK's or kafkajs's own retriable markers.
 */
export class TransientError extends Error {
  readonly retriable = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

export class PermanentError extends Error {
  readonly retriable = false;
  constructor(readonly code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

const AWS_TRANSIENT = new Set([
  'ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'InternalServerError',
  'ServiceUnavailable', 'SlowDown', 'TransactionConflictException', 'RequestTimeout', 'TimeoutError',
]);

export function isRetriable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { retriable?: unknown; name?: string; code?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  if (typeof e.retriable === 'boolean') return e.retriable;
  if (e.$retryable) return true;
  if (e.name && AWS_TRANSIENT.has(e.name)) return true;
  if (e.code && ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE'].includes(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500;
  // kafkajs marks its own errors; a broker that cannot be reached is worth waiting for
  if (e.name && /^KafkaJS(Connection|RequestTimeout|NumberOfRetriesExceeded|BrokerNotFound|LockTimeout|Timeout)/.test(e.name)) return true;
  // a wrapper (e.g. "could not read the package") is as retriable as what it wraps
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error ? isRetriable(cause) : false;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
