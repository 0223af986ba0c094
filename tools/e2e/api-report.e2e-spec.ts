import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Schemas } from '@housef3/api-client';
import { bufferSource, openPackage } from '@housef3/package-format';
import { GatewayClient, RunningService, startService, stackEnv, uploadAndStartImport, waitForImport } from '@housef3/testing';
import { destroyClients, localStackTarget, SeedClients, SeedNames } from '../seed/seed-target';
import { seedUser } from '../seed/seed-user';
import { downloadExport } from './package-download';

type Issue = Schemas['ImportIssue'];
/** four services start at once on a shared machine */
const BOOT_MS = 480000;

/** RFC 4180 rows (quoted fields, doubled quotes, CRLF or LF records). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      endRow();
    } else field += c;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

function tally(codes: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of codes) out[c] = (out[c] ?? 0) + 1;
  return out;
}

/**
 * The whole validation report through the API on the real stack: a package whose every record
 * conflicts with the user's own (and an option that is a warning) shows per-code totals beyond
 * the listed issues, lists its warnings, pages through every issue by severity and code, and
 * downloads as CSV with one row per issue. Plus: cursors that are not ours are 400, another
 * user sees nothing, and the signed download link works with no token.
 */
describe('import report and downloads through the API (e2e)', () => {
  const env = stackEnv();
  let clients: SeedClients;
  let names: SeedNames;
  let gateway: RunningService;
  let services: RunningService[] = [];
  const owner = `rep-${Date.now().toString(36)}`;
  let user: GatewayClient;
  let exportId: string;
  let pkg: Buffer;
  let importId: string;
  let status: Schemas['ImportStatusResponse'];

  beforeAll(async () => {
    ({ clients, names } = localStackTarget(env));
    [, gateway, ...services] = await Promise.all([
      seedUser(clients, names, { userId: owner, transactions: 600, files: 1, awkward: false }),
      startService('gateway', {}, BOOT_MS), startService('export-service', {}, BOOT_MS), startService('import-service', {}, BOOT_MS), startService('file-service', {}, BOOT_MS),
    ]);
    user = await GatewayClient.forUser(gateway.url, owner);
    exportId = (await user.request<{ exportId: string }>('POST', '/export', {})).body.exportId;
    expect((await user.waitForExport(exportId, undefined, 240000)).status).toBe('completed');
    pkg = readFileSync((await downloadExport(user, exportId)).path);
    // the user's own package again, without new ids: every record conflicts; overwriteExisting without overwrite is a warning
    importId = await uploadAndStartImport(user, pkg, { mergeStrategy: 'fail_on_conflict', overwriteExisting: true, validateOnly: true });
    status = await waitForImport(user, importId, 300000);
  }, 900000);

  afterAll(async () => {
    await Promise.all([gateway, ...services].filter(Boolean).map((s) => s.stop()));
    if (clients) destroyClients(clients);
  });

  async function allPages(query: string, limit: number): Promise<Issue[]> {
    const issues: Issue[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 1000; page += 1) {
      const res = await user.request<Schemas['IssuesPageResponse']>('GET', `/import/${importId}/issues?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.issues.length).toBeLessThanOrEqual(limit);
      issues.push(...res.body.issues);
      cursor = res.body.nextCursor;
      if (!cursor) return issues;
    }
    throw new Error('too many pages');
  }

  it('shows per-code totals of every issue, lists the warnings with their codes', () => {
    expect(status.status).toBe('validation_failed');
    expect(status.reportAvailable).toBe(true);
    const totals = Object.fromEntries(status.issueTotals.map((t) => [`${t.severity}:${t.code}`, t.count]));
    expect(totals['error:CONFLICT']).toBeGreaterThan(600);
    expect(totals['warning:OVERWRITE_FLAG_IGNORED']).toBe(1);
    const sum = (severity: string) => status.issueTotals.filter((t) => t.severity === severity).reduce((s, t) => s + t.count, 0);
    expect(sum('error')).toBe(status.errorCount);
    expect(sum('warning')).toBe(status.warningCount);
    expect(status.errorCount).toBeGreaterThan(status.errors.length);
    expect(status.errors.every((e) => e.severity === 'error' && e.code.length > 0)).toBe(true);
    expect(status.warnings.map((w) => w.code)).toContain('OVERWRITE_FLAG_IGNORED');
    expect(status.warnings.every((w) => w.severity === 'warning')).toBe(true);
  });

  it('pages through every issue, and by severity and by code, each exactly once', async () => {
    const every = await allPages('', 250);
    expect(every).toHaveLength(status.errorCount + status.warningCount);
    expect(new Set(every.map((i) => JSON.stringify(i))).size).toBe(every.length);
    expect(tally(every.map((i) => `${i.severity}:${i.code}`))).toEqual(Object.fromEntries(status.issueTotals.map((t) => [`${t.severity}:${t.code}`, t.count])));
    const warnings = await allPages('&severity=warning', 7);
    expect(warnings).toHaveLength(status.warningCount);
    expect(warnings).toEqual(every.filter((i) => i.severity === 'warning'));
    const conflicts = await allPages('&code=CONFLICT', 100);
    expect(conflicts).toEqual(every.filter((i) => i.code === 'CONFLICT'));
  });

  it('downloads the whole report as CSV, one row per issue', async () => {
    // a GET: once more if a kept-alive connection was closed under it (the server's idle timeout racing the request)
    const get = () => fetch(`${gateway.url}/import/${importId}/report.csv`, { headers: { Authorization: user.authorization } });
    const res = await get().catch(get);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="import-${importId}-report.csv"`);
    const [header, ...rows] = parseCsv(await res.text());
    expect(header).toEqual(['severity', 'code', 'entity', 'id', 'index', 'field', 'message']);
    expect(rows).toHaveLength(status.errorCount + status.warningCount);
    expect(tally(rows.map((r) => `${r[0]}:${r[1]}`))).toEqual(Object.fromEntries(status.issueTotals.map((t) => [`${t.severity}:${t.code}`, t.count])));
    const every = await allPages('', 1000);
    expect(rows.map((r) => r[6])).toEqual(every.map((i) => i.message));
  });

  it('answers a cursor that is not ours with 400 INVALID_CURSOR, and another user with 404', async () => {
    for (const cursor of ['bnVsbA', 'not-base64!', Buffer.from(JSON.stringify({ o: 7, n: 0 })).toString('base64url'), Buffer.from(JSON.stringify({ o: 0, n: 3 })).toString('base64url')]) {
      const res = await user.request('GET', `/import/${importId}/issues?cursor=${encodeURIComponent(cursor)}`);
      expect({ cursor, status: res.status, code: (res.body as { code?: string }).code }).toEqual({ cursor, status: 400, code: expect.stringMatching(/^(INVALID_CURSOR|VALIDATION_FAILED)$/) });
    }
    expect((await user.request('GET', '/export?cursor=bnVsbA')).body).toEqual({ code: 'INVALID_CURSOR', message: expect.any(String) });
    expect((await user.request('GET', '/import?cursor=bnVsbA')).body).toEqual({ code: 'INVALID_CURSOR', message: expect.any(String) });
    const stranger = await GatewayClient.forUser(gateway.url, `${owner}-other`);
    for (const path of [`/import/${importId}/issues`, `/import/${importId}/report.csv`, `/import/${importId}/status`, `/export/${exportId}/download-link`]) {
      const res = await stranger.request('GET', path);
      expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 404, body: { code: 'NOT_FOUND', message: expect.any(String) } });
    }
  });

  it('reports a package whose original file was altered by that problem alone, not by what its records said before it was found', async () => {
    // Validation reads the records (every one a conflict here) before the original files; the
    // altered file fails its checksum after them, and the report then holds the package problem only.
    const reader = await openPackage(bufferSource(pkg));
    const file = reader.files[0]!;
    await reader.close();
    const altered = Buffer.from(pkg);
    const at = altered.indexOf(Buffer.from(file.path)); // its local header's name: the first occurrence
    const nameLength = altered.readUInt16LE(at - 4);
    const extraLength = altered.readUInt16LE(at - 2);
    expect(altered.readUInt32LE(at - 30)).toBe(0x04034b50);
    const data = at + nameLength + extraLength;
    altered[data + 10] ^= 0xff;
    const id = await uploadAndStartImport(user, altered, { mergeStrategy: 'fail_on_conflict', validateOnly: true });
    const done = await waitForImport(user, id, 300000);
    expect(done.status).toBe('validation_failed');
    expect(done.errors.length).toBeGreaterThan(0);
    expect(done.errors.every((e) => e.entity === 'package' && e.field === file.path)).toBe(true);
    expect(done.issueTotals.map((t) => t.code)).not.toContain('CONFLICT');
    const every = await user.request<Schemas['IssuesPageResponse']>('GET', `/import/${id}/issues?limit=1000`);
    expect(every.body.issues.map((i) => [i.entity, i.field])).toEqual(done.errors.map(() => ['package', file.path]));
  });

  it('gives a signed download link that works as a plain link, with no token', async () => {
    const link = await user.request<Schemas['DownloadLinkResponse']>('GET', `/export/${exportId}/download-link`);
    expect(link.status).toBe(200);
    expect(Date.parse(link.body.expiresAt)).toBeGreaterThan(Date.now());
    const res = await fetch(link.body.url);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(createHash('sha256').update(pkg).digest('hex'));
    expect(link.body.size).toBe(pkg.length);
  });
});
