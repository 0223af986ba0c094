import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { importPrefix } from '@housef3/jobs';
import { writePackage } from '@housef3/package-format';
import { buildAccount } from '@housef3/package-format/testing';
import { buildService, GatewayClient, HttpResult, ImportStatusView, productionNodeArgs, RunningService, ServiceKey, stackEnv, startService, waitForImport } from '@housef3/testing';

/**
 * Safe in front of every user, through the API on the real stack: floods from one token meet
 * the rate and active-job limits while another user's work completes; the bytes restored are
 * the bytes validated; every retention path leaves no object; every user action is audited
 * once, and a user reads only their own trail.
 */
describe('security (e2e)', () => {
  const env = stackEnv();
  const s3 = new S3Client({
    region: env.AWS_REGION, endpoint: env.S3_ENDPOINT, forcePathStyle: true,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
  });
  const LIMITS = { GATEWAY_RATE_LIMIT_POSTS: '20', GATEWAY_RATE_LIMIT_WINDOW_MS: '60000', GATEWAY_MAX_ACTIVE_EXPORTS: '2', GATEWAY_MAX_ACTIVE_IMPORTS: '1', UPLOAD_URL_TTL_S: '60' };
  const RETENTION = { IMPORT_RETENTION_MS: '1000', IMPORT_UNSTARTED_GRACE_MS: '0', IMPORT_RETENTION_SWEEP_INTERVAL_MS: '500', IMPORT_LEASE_MS: '2000', IMPORT_SWEEP_INTERVAL_MS: '500' };
  let services: RunningService[] = [];
  let gateway: RunningService;
  const api = (user: string) => GatewayClient.forUser(gateway.url, user);

  beforeAll(async () => {
    // as production runs them (compiled, the image's 128 MiB heap ceiling), so that their memory
    // under the flood can be held to the absolute bound
    for (const name of ['gateway', 'export-service', 'import-service', 'file-service'] as const) buildService(name);
    const compiled = (name: ServiceKey) => ({ compiled: true, nodeArgs: productionNodeArgs(name) });
    services = await Promise.all([
      // a loaded machine can take long to boot four services at once
      startService('gateway', LIMITS, 240000, compiled('gateway')), startService('export-service', {}, 240000, compiled('export-service')),
      startService('import-service', RETENTION, 240000, compiled('import-service')), startService('file-service', {}, 240000, compiled('file-service')),
    ]);
    gateway = services[0];
  }, 300000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    s3.destroy();
  });

  async function packageOf(accounts: number): Promise<Buffer> {
    const handle = writePackage({
      userId: 'source-user', exportTimestamp: new Date('2024-01-15T10:30:00Z'), housef3Version: '2.4.0',
      records: { accounts: Array.from({ length: accounts }, () => buildAccount({ accountId: randomUUID(), userId: 'source-user' })), transactions: [], categories: [], file_maps: [], transaction_files: [] },
      files: [],
    });
    const parts: Buffer[] = [];
    handle.stream.on('data', (c: Buffer) => parts.push(c));
    await handle.done;
    return Buffer.concat(parts);
  }

  async function upload(client: GatewayClient, bytes: Buffer): Promise<{ importId: string; put: (b: Buffer) => Promise<number> }> {
    const up = await client.request<{ importId: string; uploadUrl: string; uploadHeaders: Record<string, string> }>('POST', '/import/upload', { size: bytes.length });
    expect(up.status).toBe(201);
    const put = async (b: Buffer) => (await fetch(up.body.uploadUrl, { method: 'PUT', headers: { ...up.body.uploadHeaders, 'Content-Length': String(b.length) }, body: b })).status;
    expect(await put(bytes)).toBe(200);
    return { importId: up.body.importId, put };
  }

  const objectsOf = async (user: string, importId: string) =>
    (await s3.send(new ListObjectsV2Command({ Bucket: env.PACKAGES_BUCKET, Prefix: importPrefix(user, importId) }))).KeyCount ?? 0;

  async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  const codeOf = (r: HttpResult) => (r.body as { code?: string } | undefined)?.code;
  /** Peak resident memory of a service process (VmHWM), MiB. */
  const peakRssMiB = (s: RunningService) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${s.process.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

  it('a flood of 100 POST /export and 100 upload+start from one token: the excess gets 429 (rate or active jobs), another user\'s export completes, every service stays up', async () => {
    const booted = new Map(services.map((s) => [s.name, peakRssMiB(s)]));
    const flooder = await api(`flooder-${randomUUID()}`);
    const other = await api(`bystander-${randomUUID()}`);
    const [floods, bystander] = await Promise.all([
      Promise.all(Array.from({ length: 100 }, () => flooder.request('POST', '/export', {}))),
      other.request<{ exportId: string }>('POST', '/export', {}),
    ]);
    expect(bystander.status).toBe(202);
    const accepted = floods.filter((r) => r.status === 202);
    const refused = floods.filter((r) => r.status !== 202);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    for (const r of refused) {
      expect(r.status).toBe(429);
      expect(['RATE_LIMITED', 'TOO_MANY_ACTIVE_JOBS']).toContain(codeOf(r));
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // 20 per window (a flood across a window boundary may get 40 through)
    expect(refused.filter((r) => codeOf(r) === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(60);
    expect(refused.some((r) => codeOf(r) === 'TOO_MANY_ACTIVE_JOBS')).toBe(true);

    // 100 uploads: past the rate limit they are refused; of the rest, the active-import limit admits one start at a time
    const pkg = await packageOf(1);
    const uploads = await Promise.all(Array.from({ length: 100 }, () => flooder.request<{ importId: string; uploadUrl: string; uploadHeaders: Record<string, string> }>('POST', '/import/upload', { size: pkg.length })));
    const granted = uploads.filter((u) => u.status === 201);
    expect(granted.length).toBeLessThanOrEqual(40);
    for (const u of uploads.filter((x) => x.status !== 201)) expect([u.status, codeOf(u)]).toEqual([429, 'RATE_LIMITED']);
    await Promise.all(granted.map(async (u) => expect((await fetch(u.body.uploadUrl, { method: 'PUT', headers: u.body.uploadHeaders, body: pkg })).status).toBe(200)));
    const starts = await Promise.all(granted.map((u) => flooder.request('POST', `/import/${u.body.importId}/start`, { validateOnly: true })));
    const started = starts.filter((r) => r.status === 202);
    expect(started.length).toBeGreaterThanOrEqual(1);
    expect(started.length).toBeLessThan(granted.length);
    for (const r of starts.filter((x) => x.status !== 202)) expect([r.status, codeOf(r)]).toEqual([429, 'TOO_MANY_ACTIVE_JOBS']);

    // never more than two of the flooder's exports ran at once
    const spans = await Promise.all(accepted.map(async (r) => {
      const done = await flooder.waitForExport((r.body as { exportId: string }).exportId, undefined, 180000);
      const s = done as unknown as { requestedAt: string; completedAt?: string };
      return [Date.parse(s.requestedAt), Date.parse(s.completedAt ?? new Date().toISOString())];
    }));
    const overlap = Math.max(...spans.map(([start]) => spans.filter(([a, b]) => a <= start && start < b).length));
    expect(overlap).toBeLessThanOrEqual(2);

    expect((await other.waitForExport(bystander.body.exportId, undefined, 180000)).status).toBe('completed');
    // Memory stays flat under the flood: every service's peak resident memory under 200 MiB, and
    // little growth over the peak of booting.
    const peaks = services.map((s) => ({ service: s.name, bootMiB: Math.round(booted.get(s.name)!), peakMiB: Math.round(peakRssMiB(s)) }));
    console.log(`peak RSS under the flood: ${JSON.stringify(peaks)}`);
    for (const s of services) expect((await fetch(`${s.url}/health/live`)).status).toBe(200);
    for (const p of peaks) expect({ service: p.service, under200MiB: p.peakMiB < 200 }).toEqual({ service: p.service, under200MiB: true });
    for (const p of peaks) expect(p.peakMiB - p.bootMiB).toBeLessThan(80);
  }, 600000);

  it('the bytes restored are the bytes validated: a package swapped after start is not read', async () => {
    const user = await api(`swapper-${randomUUID()}`);
    const small = await packageOf(1);
    const big = await packageOf(3);
    const { importId, put } = await upload(user, small);
    expect((await user.request('POST', `/import/${importId}/start`, { remapIds: true })).status).toBe(202);
    // the upload URL is still valid: the swap lands, but the import reads its pinned copy
    const swapped = await put(big);
    expect([200, 403]).toContain(swapped);
    const done = await waitForImport(user, importId);
    expect(done.status).toBe('completed');
    expect(done.summary.accounts_created).toBe(1);
  }, 300000);

  it('every import retention path leaves no object; DELETE /import erases at once', async () => {
    const userId = `retention-${randomUUID()}`;
    const user = await api(userId);
    const pkg = await packageOf(1);
    const waitEnded = (id: string) => waitForImport(user, id);

    const completed = await upload(user, pkg);
    expect((await user.request('POST', `/import/${completed.importId}/start`, { remapIds: true })).status).toBe(202);
    expect((await waitEnded(completed.importId)).status).toBe('completed');

    const validateOnly = await upload(user, pkg);
    expect((await user.request('POST', `/import/${validateOnly.importId}/start`, { validateOnly: true })).status).toBe(202);
    expect((await waitEnded(validateOnly.importId)).status).toBe('validation_passed');

    const corrupt = await upload(user, Buffer.concat([pkg.subarray(0, pkg.length - 30), Buffer.alloc(30)]));
    expect((await user.request('POST', `/import/${corrupt.importId}/start`, {})).status).toBe(202);
    expect((await waitEnded(corrupt.importId)).status).toBe('validation_failed');

    const cancelled = await upload(user, pkg);
    expect((await user.request('POST', `/import/${cancelled.importId}/cancel`)).status).toBe(202);

    const neverStarted = await upload(user, pkg);

    const erased = await upload(user, pkg);
    const deleted = await user.request('DELETE', `/import/${erased.importId}`);
    expect([deleted.status, deleted.body]).toEqual([202, { importId: erased.importId, status: 'deleted' }]);
    expect(await objectsOf(userId, erased.importId)).toBe(0);

    for (const id of [completed.importId, validateOnly.importId, corrupt.importId, cancelled.importId]) {
      await until(`the objects of ${id} to go`, async () => ((await objectsOf(userId, id)) === 0 ? true : undefined));
    }
    // never started: given up once its upload URL expired (60 s here), then erased
    const gaveUp = await until('the never-started import to be given up', async () => {
      const s = await user.request<ImportStatusView>('GET', `/import/${neverStarted.importId}/status`);
      return s.body.status === 'cancelled' ? s.body : undefined;
    }, 180000);
    expect(gaveUp.errorCode).toBe('NEVER_STARTED');
    await until('the never-started import\'s objects to go', async () => ((await objectsOf(userId, neverStarted.importId)) === 0 ? true : undefined));
  }, 300000);

  it('every audited action appears once with its fields; a user reads only their own trail', async () => {
    const userId = `audited-${randomUUID()}`;
    const user = await api(userId);
    const stranger = await api(`stranger-${randomUUID()}`);
    const exp = await user.request<{ exportId: string }>('POST', '/export', {});
    expect(exp.status).toBe(202);
    expect((await user.request('DELETE', `/export/${exp.body.exportId}`)).status).toBe(202);
    const pkg = await packageOf(1);
    const imp = await upload(user, pkg);
    expect((await user.request('POST', `/import/${imp.importId}/start`, { remapIds: true })).status).toBe(202);
    expect((await waitForImport(user, imp.importId)).status).toBe('completed');
    const toCancel = await upload(user, pkg);
    expect((await user.request('POST', `/import/${toCancel.importId}/cancel`)).status).toBe(202);
    expect((await user.request('DELETE', `/import/${toCancel.importId}`)).status).toBe(202);
    const refused = await user.request('POST', `/import/${imp.importId}/start`, {});
    expect(refused.status).toBe(409);

    type Event = { userId: string; action: string; outcome: string; jobId?: string; code?: string; sourceIp?: string; userAgent?: string; at: string; eventId: string };
    const trail = async (client: GatewayClient): Promise<Event[]> => {
      const all: Event[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.request<{ events: Event[]; nextCursor?: string }>('GET', `/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        all.push(...page.body.events);
        cursor = page.body.nextCursor;
      } while (cursor);
      return all;
    };
    const events = await until('import.completed in the audit trail', async () => {
      const e = await trail(user);
      return e.some((x) => x.action === 'import.completed') ? e : undefined;
    }, 60000);
    const once = (action: string, jobId: string, outcome = 'success') => {
      const found = events.filter((e) => e.action === action && e.jobId === jobId);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ userId, outcome });
      expect(Date.parse(found[0].at)).toBeGreaterThan(Date.now() - 600000);
      return found[0];
    };
    const requested = once('export.requested', exp.body.exportId);
    expect(requested.sourceIp).toMatch(/127\.0\.0\.1/);
    expect(requested.userAgent).toBeTruthy();
    once('export.deleted', exp.body.exportId);
    once('import.upload_url_issued', imp.importId);
    once('import.upload_url_issued', toCancel.importId);
    once('import.cancelled', toCancel.importId);
    once('import.deleted', toCancel.importId);
    once('import.completed', imp.importId);
    expect(events.filter((e) => e.action === 'import.started' && e.jobId === imp.importId).map((e) => [e.outcome, e.code])).toEqual([['refused', 'CONFLICT'], ['success', undefined]]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    // newest first
    expect([...events].sort((a, b) => b.at.localeCompare(a.at)).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));

    expect((await trail(stranger)).some((e) => e.userId === userId)).toBe(false);
    const forged = await stranger.request('GET', `/audit?cursor=${Buffer.from(JSON.stringify({ u: userId, k: { userId, eventKey: 'z' } })).toString('base64url')}`);
    expect([forged.status, codeOf(forged)]).toEqual([400, 'INVALID_CURSOR']);
    const nullCursor = await user.request('GET', '/export?cursor=bnVsbA');
    expect([nullCursor.status, codeOf(nullCursor)]).toEqual([400, 'INVALID_CURSOR']);
  }, 300000);
});
