import { GatewayClient } from '@housef3/testing';

/** Asks for an upload URL and uploads the package there; returns the import id (not started). */
export async function importUpload(client: GatewayClient, bytes: Buffer): Promise<string> {
  const up = await client.request<{ importId: string; uploadUrl: string; uploadHeaders: Record<string, string> }>('POST', '/import/upload', { size: bytes.length });
  if (up.status !== 201) throw new Error(`upload URL: ${up.status} ${JSON.stringify(up.body)}`);
  const put = await fetch(up.body.uploadUrl, { method: 'PUT', headers: up.body.uploadHeaders, body: bytes });
  if (!put.ok) throw new Error(`upload: ${put.status} ${await put.text()}`);
  return up.body.importId;
}

/** Starts (or starts again) an uploaded import; fails unless the gateway accepts it. */
export async function startImport(client: GatewayClient, importId: string, options: Record<string, unknown>): Promise<void> {
  const start = await client.request('POST', `/import/${importId}/start`, options);
  if (start.status !== 202) throw new Error(`start of ${importId}: ${start.status} ${JSON.stringify(start.body)}`);
}
