import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { fileSource, openPackage } from '@housef3/package-format';
import { GatewayClient, RunningService, startService, stackEnv, waitForImport } from '@housef3/testing';
import type { Schemas } from '@housef3/api-client';
import { destroyClients, localStackTarget, SeedClients, SeedNames } from '../seed/seed-target';
import { seedUser } from '../seed/seed-user';
import { downloadExport, sha256Of } from './package-download';

const MiB = 1024 * 1024;
/** four services start at once on a shared machine */
const BOOT_MS = 480000;
/** the gateway's maximum here: above the package (a 20 MiB statement and some records), below OVER */
const MAX_MB = 40;
const OVER = (MAX_MB + 1) * MiB;
const WEB_ORIGIN = 'http://localhost:4200';

/** PUTs `bytes` to a signed URL, like a browser would. */
async function put(url: string, bytes: Buffer, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'PUT', body: bytes, headers });
}

/** Starts a PUT of `bytes` and breaks the connection after `sendBytes` of them: a dropped upload. */
function brokenPut(url: string, bytes: Buffer, sendBytes: number): Promise<void> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { method: 'PUT', headers: { 'Content-Length': String(bytes.length) } });
    req.on('error', () => resolve());
    req.on('response', (res) => {
      res.resume();
      resolve();
    });
    req.write(bytes.subarray(0, sendBytes), () => setImmediate(() => req.destroy(new Error('connection dropped'))));
  });
}

/**
 * Large and unreliable uploads through the gateway on the real stack: a package uploaded in parts,
 * broken off half-way, resumed from the parts the API lists, assembled byte for byte and imported
 * exact; and packages over the configured maximum refused, whichever way they come.
 */
describe('multipart package upload (e2e)', () => {
  const env = stackEnv();
  let clients: SeedClients;
  let names: SeedNames;
  let gateway: RunningService;
  let services: RunningService[] = [];
  let pkg: Buffer;
  let packageCounts: Record<string, number>;
  let packageFiles: number;
  const source = `mp-src-${Date.now().toString(36)}`;

  beforeAll(async () => {
    ({ clients, names } = localStackTarget(env));
    [, gateway, ...services] = await Promise.all([
      seedUser(clients, names, { userId: source, transactions: 200, files: 2, awkward: true }),
      startService('gateway', { IMPORT_MAX_PACKAGE_MB: String(MAX_MB) }, BOOT_MS),
      startService('export-service', {}, BOOT_MS), startService('import-service', {}, BOOT_MS), startService('file-service', {}, BOOT_MS),
    ]);
    const owner = await GatewayClient.forUser(gateway.url, source);
    const { body } = await owner.request<{ exportId: string }>('POST', '/export', {});
    const done = await owner.waitForExport(body.exportId, undefined, 240000);
    expect(done.status).toBe('completed');
    const path = (await downloadExport(owner, body.exportId)).path;
    pkg = readFileSync(path);
    packageCounts = { ...(done.counts ?? {}) };
    const reader = await openPackage(await fileSource(path));
    packageFiles = reader.files.length;
    await reader.close();
  }, 900000);

  afterAll(async () => {
    await Promise.all([gateway, ...services].filter(Boolean).map((s) => s.stop()));
    if (clients) destroyClients(clients);
  });

  it('uploads in parts, is broken off half-way, resumes from the listed parts and imports exact', async () => {
    const user = await GatewayClient.forUser(gateway.url, `mp-dst-${Date.now().toString(36)}`);
    const api = user.api();
    const created = await api.POST('/import/upload/multipart', { body: { size: pkg.length, partSize: 5 * MiB } });
    expect(created.response.status).toBe(201);
    const upload = created.data!;
    expect(upload.partCount).toBe(Math.ceil(pkg.length / (5 * MiB)));
    expect(upload.partCount).toBeGreaterThanOrEqual(3);
    const slice = (n: number) => pkg.subarray((n - 1) * upload.partSize, Math.min(n * upload.partSize, pkg.length));
    const all = Array.from({ length: upload.partCount }, (_, i) => i + 1);

    // the first half of the parts arrives; the next one breaks off after 1 MiB
    const half = Math.floor(upload.partCount / 2);
    const { data: firstUrls } = await api.POST('/import/{importId}/upload/part-urls', { params: { path: { importId: upload.importId } }, body: { partNumbers: all } });
    for (const part of firstUrls!.parts.slice(0, half)) {
      expect(part.size).toBe(slice(part.partNumber).length);
      const res = await put(part.url, slice(part.partNumber), part.headers);
      expect(res.status).toBe(200);
    }
    await brokenPut(firstUrls!.parts[half].url, slice(half + 1), MiB);

    // completing now is refused with the missing parts; nothing is assembled
    const early = await api.POST('/import/{importId}/upload/complete', { params: { path: { importId: upload.importId } } });
    expect(early.response.status).toBe(409);
    expect(early.error).toMatchObject({ code: 'UPLOAD_INCOMPLETE', details: { missingParts: all.slice(half) } });

    // resume: what arrived, and what is missing
    const listed = (await api.GET('/import/{importId}/upload/parts', { params: { path: { importId: upload.importId } } })).data!;
    expect(listed.parts.map((p) => p.partNumber)).toEqual(all.slice(0, half));
    expect(listed.missingParts).toEqual(all.slice(half));
    expect(listed.bytesUploaded).toBe(half * upload.partSize);

    const { data: resumeUrls } = await api.POST('/import/{importId}/upload/part-urls', { params: { path: { importId: upload.importId } }, body: { partNumbers: listed.missingParts } });
    for (const part of resumeUrls!.parts) expect((await put(part.url, slice(part.partNumber), part.headers)).status).toBe(200);

    const completed = await api.POST('/import/{importId}/upload/complete', { params: { path: { importId: upload.importId } } });
    expect(completed.response.status).toBe(200);
    expect(completed.data).toEqual({ importId: upload.importId, size: pkg.length, status: 'awaiting_upload' });

    // the assembled package is the exported one, byte for byte
    const object = await clients.s3.send(new GetObjectCommand({ Bucket: env.PACKAGES_BUCKET, Key: `imports/${encodeURIComponent(user.userId)}/${upload.importId}/package.zip` }));
    expect(await sha256Of(object.Body as AsyncIterable<Uint8Array>)).toBe(createHash('sha256').update(pkg).digest('hex'));

    const start = await api.POST('/import/{importId}/start', { params: { path: { importId: upload.importId } }, body: { remapIds: true } });
    expect(start.response.status).toBe(202);
    const final = await waitForImport(user, upload.importId, 300000);
    expect(final).toMatchObject({ status: 'completed', progress: 100, errorCount: 0 });
    for (const entity of ['accounts', 'transactions', 'categories', 'file_maps', 'transaction_files']) {
      expect(`${entity}: ${final.summary[`${entity}_created`]}`).toBe(`${entity}: ${packageCounts[entity]}`);
    }
    expect(final.summary.files_restored).toBe(packageFiles);
  }, 600000);

  it('lets the web app origin PUT a part to its signed URL and read the ETag (bucket CORS)', async () => {
    const user = await GatewayClient.forUser(gateway.url, `mp-cors-${Date.now().toString(36)}`);
    const created = await user.request<Schemas['MultipartUploadResponse']>('POST', '/import/upload/multipart', { size: 6 * MiB, partSize: 5 * MiB });
    const urls = await user.request<Schemas['PartUrlsResponse']>('POST', `/import/${created.body.importId}/upload/part-urls`, { partNumbers: [1] });
    const preflight = await fetch(urls.body.parts[0].url, { method: 'OPTIONS', headers: { Origin: WEB_ORIGIN, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-length' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(WEB_ORIGIN);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    const res = await put(urls.body.parts[0].url, Buffer.alloc(5 * MiB, 7), { Origin: WEB_ORIGIN });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('etag');
    // the API answers the same origin (gateway CORS from config) and no other
    const api = await fetch(`${gateway.url}/import/${created.body.importId}/upload/parts`, { method: 'OPTIONS', headers: { Origin: WEB_ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' } });
    expect(api.headers.get('access-control-allow-origin')).toBe(WEB_ORIGIN);
    const other = await fetch(`${gateway.url}/import/${created.body.importId}/upload/parts`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    // giving up deletes the parts and cancels the import
    const aborted = await user.request('DELETE', `/import/${created.body.importId}/upload`);
    expect(aborted).toMatchObject({ status: 202, body: { importId: created.body.importId, status: 'cancelled' } });
    expect((await user.request('GET', `/import/${created.body.importId}/upload/parts`)).body).toMatchObject({ code: 'CONFLICT' });
  }, 120000);

  it('refuses a package over the configured maximum or of another size than declared, and creates or starts nothing', async () => {
    const user = await GatewayClient.forUser(gateway.url, `mp-max-${Date.now().toString(36)}`);
    expect(pkg.length).toBeLessThan(MAX_MB * MiB);
    for (const path of ['/import/upload/multipart', '/import/upload']) {
      const res = await user.request('POST', path, { size: OVER });
      expect(res.status).toBe(413);
      expect(res.body).toEqual({ code: 'PACKAGE_TOO_LARGE', message: expect.stringContaining(`at most ${MAX_MB} MiB`), details: { maxSize: MAX_MB * MiB, size: OVER } });
    }
    expect((await user.request<Schemas['ImportListResponse']>('GET', '/import')).body.imports).toEqual([]);

    // the size is required: the upload URL signs it, so nothing larger can be PUT there
    const undeclared = await user.request('POST', '/import/upload', {});
    expect(undeclared.status).toBe(400);
    expect(undeclared.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    // the URL signs the declared length (S3 refuses any other); the local S3 server does not check
    // signatures, so a larger PUT lands here, and start refuses it: the gateway re-checks the size
    const up = await user.request<Schemas['CreateUploadResponse']>('POST', '/import/upload', { size: 1024 });
    expect(up.status).toBe(201);
    expect(new URL(up.body.uploadUrl).searchParams.get('X-Amz-SignedHeaders')?.split(';')).toContain('content-length');
    expect(up.body.uploadHeaders['Content-Length']).toBe('1024');
    expect((await put(up.body.uploadUrl, Buffer.alloc(OVER, 1), { ...up.body.uploadHeaders, 'Content-Length': String(OVER) })).status).toBe(200);
    const start = await user.request('POST', `/import/${up.body.importId}/start`, {});
    expect(start.status).toBe(413);
    expect(start.body).toMatchObject({ code: 'PACKAGE_TOO_LARGE', details: { maxSize: MAX_MB * MiB, size: OVER } });
    expect((await user.request<Schemas['ImportStatusResponse']>('GET', `/import/${up.body.importId}/status`)).body.status).toBe('awaiting_upload');
  }, 180000);
});
