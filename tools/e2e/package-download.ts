import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { GatewayClient } from '@housef3/testing';

/** Follows GET /export/{id}/download (302) like a browser and saves the package to a temp file. */
export async function downloadExport(client: GatewayClient, exportId: string): Promise<{ path: string; location: string }> {
  const res = await client.request('GET', `/export/${exportId}/download`);
  if (res.status !== 302) throw new Error(`download answered ${res.status}: ${JSON.stringify(res.body)}`);
  const location = res.headers.get('location')!;
  const bytes = Buffer.from(await (await fetch(location)).arrayBuffer());
  const path = join(mkdtempSync(join(tmpdir(), 'export-')), location.split('?')[0].split('/').pop()!);
  writeFileSync(path, bytes);
  return { path, location };
}

export async function sha256Of(stream: AsyncIterable<Uint8Array> | Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk);
  return hash.digest('hex');
}

import { EntityDataset, EntityName, fileSource, openPackage } from '@housef3/package-format';

/** A (small) package's records, all of them, as a dataset (tests only). */
export async function readDataset(path: string): Promise<EntityDataset> {
  const reader = await openPackage(await fileSource(path));
  const dataset = { categories: [], file_maps: [], accounts: [], transaction_files: [], transactions: [], analytics: [] } as unknown as EntityDataset;
  try {
    for (const entity of Object.keys(dataset) as EntityName[]) {
      for await (const { record } of reader.records(entity)) (dataset[entity] as unknown[]).push(record);
    }
  } finally {
    await reader.close();
  }
  return dataset;
}
