import { isApiErrorBody } from '@housef3/api-client';

/** A failed API call: the HTTP status and the body `{code, message, details}` the gateway sends. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: unknown) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The network never answered (offline, server down, blocked). */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

/**
 * The data of a typed client call, or the error as an ApiError (any non-2xx answer) or a
 * NetworkError (no answer).
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>, onUnauthorized?: () => void): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (e) {
    throw new NetworkError((e as Error).message);
  }
  const { data, error, response } = result;
  if (response.ok) return data as T;
  if (response.status === 401) onUnauthorized?.();
  if (isApiErrorBody(error)) {
    const problems = (error.details as { problems?: unknown } | undefined)?.problems;
    const message = Array.isArray(problems) && problems.length ? problems.join('; ') : error.message;
    throw new ApiError(response.status, error.code, message, error.details);
  }
  throw new ApiError(response.status, `HTTP_${response.status}`, typeof error === 'string' && error ? error.slice(0, 200) : `HTTP ${response.status}`);
}
