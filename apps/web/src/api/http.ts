import type { ApiErrorBody } from './types';

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

export type TokenSource = () => string | undefined;

/** Same-origin JSON calls with the signed-in user's bearer token. */
export class Http {
  constructor(private readonly token: TokenSource, private readonly onUnauthorized: () => void = () => undefined, private readonly base = '') {}

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const token = this.token();
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers: { ...(token && { Authorization: `Bearer ${token}` }), ...(body !== undefined && { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new NetworkError((e as Error).message);
    }
    const text = await res.text();
    if (!res.ok) {
      const err = parseError(res.status, text);
      if (res.status === 401) this.onUnauthorized();
      throw err;
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

function parseError(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as Partial<ApiErrorBody> & { message?: string | string[]; error?: string };
    const message = Array.isArray(body.message) ? body.message.join('; ') : body.message ?? body.error ?? `HTTP ${status}`;
    return new ApiError(status, typeof body.code === 'string' ? body.code : `HTTP_${status}`, message, body.details);
  } catch {
    return new ApiError(status, `HTTP_${status}`, text.slice(0, 200) || `HTTP ${status}`);
  }
}
