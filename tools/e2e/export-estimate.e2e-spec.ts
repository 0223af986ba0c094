import { randomUUID } from 'node:crypto';
import type { Schemas } from '@housef3/api-client';
import { GatewayClient, RunningService, startService } from '@housef3/testing';
import { destroyClients, localStackTarget, SeedClients, SeedNames } from '../seed/seed-target';
import { seedUser, SeedSummary } from '../seed/seed-user';

type Estimate = Schemas['ExportEstimateResponse'];

/**
 * POST /export/estimate against the real stack: a seeded user's counts as the estimate sees them
 * are the seeded counts and the counts of the real export with the same options, the size is
 * within a sane factor of the real package, POST /export promises the same size, bad requests are
 * 400 in the API's error body, and nobody sees another user's data through it.
 */
describe('export estimate (e2e)', () => {
  let services: RunningService[];
  let clients: SeedClients;
  let names: SeedNames;
  let seed: SeedSummary;
  let api: GatewayClient;
  const user = `estimate-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    ({ clients, names } = localStackTarget());
    [seed, services] = await Promise.all([
      seedUser(clients, names, { userId: user, transactions: 600, files: 4 }),
      Promise.all([startService('gateway'), startService('export-service'), startService('file-service')]),
    ]);
    api = await GatewayClient.forUser(services[0].url, user);
  }, 300000);

  afterAll(async () => {
    await Promise.all((services ?? []).map((s) => s.stop()));
    if (clients) destroyClients(clients);
  });

  /** The estimate, then the real export with the same body, completed. */
  const estimateThenExport = async (body: Record<string, unknown>) => {
    const estimate = await api.request<Estimate>('POST', '/export/estimate', body);
    expect(estimate.status).toBe(200);
    const created = await api.request<Schemas['CreateExportResponse']>('POST', '/export', body);
    expect(created.status).toBe(202);
    const done = await api.waitForExport(created.body.exportId, undefined, 240000);
    expect(done.status).toBe('completed');
    return { estimate: estimate.body, created: created.body, done };
  };

  it('a complete export: the seeded counts, a size within a sane factor of the package, the same size promised on create', async () => {
    const { estimate, created, done } = await estimateThenExport({ includeAnalytics: true });
    expect(estimate.counts).toEqual(seed.counts);
    expect(estimate.exact).toBe(true);
    expect(estimate.records).toBe(Object.values(seed.counts).reduce((a, b) => a + b, 0));
    expect(estimate.files).toBe(seed.files.length);
    expect(estimate.fileBytes).toBe(seed.bytes);
    // the real package's counts are the estimate's
    expect(done.counts).toEqual(estimate.counts);
    const ratio = estimate.estimatedBytes / done.packageSize!;
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
    expect(created.estimatedSize).toBe(estimate.estimatedSize);
    expect(estimate.estimatedDurationSeconds).toBeGreaterThan(0);
    expect(estimate.estimatedDurationSeconds).toBeLessThan(60);
  }, 300000);

  it('selective exports: one account, and a date range, count what the export holds', async () => {
    const accounts = (await api.request<Estimate>('POST', '/export/estimate', { includeAnalytics: true })).body.counts.accounts;
    expect(accounts).toBe(seed.counts.accounts);
    const accountId = seed.ids.accounts[0];
    const one = await estimateThenExport({ format: 'selective', accountIds: [accountId], includeAnalytics: true });
    expect(one.estimate.counts.transactions).toBeLessThan(seed.counts.transactions);
    for (const [entity, n] of Object.entries(one.estimate.counts)) expect({ entity, n }).toEqual({ entity, n: one.done.counts![entity] });

    const range = await estimateThenExport({ format: 'selective', dateRange: { from: '2024-02-01', to: '2024-03-15' } });
    expect(range.estimate.counts.transactions).toBeGreaterThan(0);
    expect(range.estimate.counts.transactions).toBeLessThan(seed.counts.transactions);
    for (const [entity, n] of Object.entries(range.estimate.counts)) expect({ entity, n }).toEqual({ entity, n: range.done.counts![entity] });
  }, 600000);

  it('refuses bad input with 400 in the error body, and needs a token', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ includeAnalytics: false, sneaky: 1 }, /property sneaky should not exist/],
      [{ format: 'complete', accountIds: [seed.ids.accounts[0]] }, /need "format": "selective"/],
      [{ format: 'selective', dateRange: { from: '2024-02-01', to: '2024-01-01' } }, /from must not be after/],
      [{ format: 'selective', accountIds: ['not-an-id'] }, /account id/],
      [{ format: 'selective', accountIds: [randomUUID()] }, /no such account/],
    ];
    for (const [body, reason] of cases) {
      const res = await api.request<Schemas['ErrorBody']>('POST', '/export/estimate', body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ code: 'VALIDATION_FAILED', message: expect.stringMatching(reason), details: { problems: expect.any(Array) } });
    }
    const malformed = await api.request<Schemas['ErrorBody']>('POST', '/export/estimate', '{"includeAnalytics": tru');
    expect(malformed).toMatchObject({ status: 400, body: { code: 'MALFORMED_JSON' } });
    const anonymous = await fetch(`${services[0].url}/export/estimate`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(anonymous.status).toBe(401);
    // nothing was created by any estimate
    const before = (await api.request<Schemas['ExportListResponse']>('GET', '/export?limit=100')).body.exports.length;
    await api.request('POST', '/export/estimate', {});
    expect((await api.request<Schemas['ExportListResponse']>('GET', '/export?limit=100')).body.exports.length).toBe(before);
  }, 120000);

  it('another user sees only their own (empty) data, and cannot name this user\'s accounts', async () => {
    const stranger = await GatewayClient.forUser(services[0].url, `estimate-stranger-${randomUUID().slice(0, 8)}`);
    const res = await stranger.request<Estimate>('POST', '/export/estimate', { includeAnalytics: true });
    expect(res.status).toBe(200);
    expect(Object.values(res.body.counts).every((n) => n === 0)).toBe(true);
    expect(res.body).toMatchObject({ records: 0, files: 0, fileBytes: 0, exact: true });
    const theirs = await stranger.request<Schemas['ErrorBody']>('POST', '/export/estimate', { format: 'selective', accountIds: [seed.ids.accounts[0]] });
    expect(theirs.status).toBe(400);
    expect(theirs.body.message).toMatch(/no such account/);
  }, 60000);
});
