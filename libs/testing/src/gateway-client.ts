import { type ApiClient, createApiClient, type Schemas } from '@housef3/api-client';
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

  /** The Authorization header this client sends. */
  get authorization(): string {
    return `Bearer ${this.token}`;
  }

  /** The typed client of libs/api-client, as this user (what a web app uses). */
  api(): ApiClient {
    return createApiClient({ baseUrl: this.baseUrl, token: () => this.token });
  }

  async request<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: { Authorization: `Bearer ${this.token}`, ...(body !== undefined && { 'Content-Type': 'application/json' }), ...headers },
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

/** The API's own types (generated from docs/openapi.json), never copied by hand. */
export type ExportStatus = Schemas['ExportStatusResponse'];

const isFinal = (s: ExportStatus) => s.status === 'completed' || s.status === 'failed';

export type ImportStatusView = Schemas['ImportStatusResponse'];

const FINAL_IMPORT = ['validation_passed', 'validation_failed', 'completed', 'failed', 'cancelled', 'compensation_failed'];

/** Uploads a package through the presigned URL and starts the import; returns its id. */
export async function uploadAndStartImport(client: GatewayClient, bytes: Buffer, options: Record<string, unknown>): Promise<string> {
  const up = await client.request<Schemas['CreateUploadResponse']>('POST', '/import/upload', { size: bytes.length });
  if (up.status !== 201) throw new Error(`upload URL: ${up.status} ${JSON.stringify(up.body)}`);
  const put = await fetch(up.body.uploadUrl, { method: 'PUT', headers: up.body.uploadHeaders, body: bytes });
  if (!put.ok) throw new Error(`upload: ${put.status} ${await put.text()}`);
  const start = await client.request('POST', `/import/${up.body.importId}/start`, options);
  if (start.status !== 202) throw new Error(`start: ${start.status} ${JSON.stringify(start.body)}`);
  return up.body.importId;
}

export async function waitForImport(client: GatewayClient, importId: string, timeoutMs = 180000): Promise<ImportStatusView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.request<ImportStatusView>('GET', `/import/${importId}/status`);
    if (res.status === 200 && FINAL_IMPORT.includes(res.body.status)) return res.body;
    if (Date.now() > deadline) throw new Error(`import ${importId} did not end within ${timeoutMs} ms; last: ${JSON.stringify(res.body).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
