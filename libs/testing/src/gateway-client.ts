import { localAuthFromEnv } from './stack-env';
import { mintToken } from './local-auth';

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** The REST API as one user sees it (a real bearer token from the local stack's key). */
export class GatewayClient {
  private constructor(readonly baseUrl: string, readonly userId: string, private readonly token: string) {}

  static async forUser(baseUrl: string, userId: string): Promise<GatewayClient> {
    return new GatewayClient(baseUrl, userId, await mintToken(localAuthFromEnv(), userId));
  }

  async request<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<HttpResult<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: { Authorization: `Bearer ${this.token}`, ...(body !== undefined && { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** Polls GET /export/{id}/status until `done(status)` holds; fails with the last status on timeout. */
  async waitForExport(exportId: string, done: (s: ExportStatus) => boolean = isFinal, timeoutMs = 120000): Promise<ExportStatus> {
    const deadline = Date.now() + timeoutMs;
    let last: ExportStatus | undefined;
    for (;;) {
      const res = await this.request<ExportStatus>('GET', `/export/${exportId}/status`);
      last = res.body;
      if (res.status === 200 && done(res.body)) return res.body;
      if (Date.now() > deadline) throw new Error(`export ${exportId} did not reach the expected state within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export interface ExportStatus {
  exportId: string;
  status: 'initiated' | 'processing' | 'completed' | 'failed' | 'expired';
  progress: number;
  phase: string;
  progressDetail: { fraction: number; recordsDone: number; recordsEstimated: number; bytesDone: number; bytesEstimated: number };
  downloadUrl?: string;
  expiresAt?: string;
  packageSize?: number;
  counts?: Record<string, number>;
  error?: string;
  errorCode?: string;
}

const isFinal = (s: ExportStatus) => s.status === 'completed' || s.status === 'failed';
