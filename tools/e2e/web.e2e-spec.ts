import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page, Route } from 'playwright-core';
import { EntityName } from '@housef3/package-format';
import { GatewayClient, REPO_ROOT, RunningService, startService, stackEnv } from '@housef3/testing';
import { destroyClients, localStackTarget, SeedClients } from '../seed/seed-target';
import { setBucketCors } from '../stack/s3.server';
import { LOCAL_WEB_ORIGINS } from '../stack/stack';
import { seedUser, SeedSummary } from '../seed/seed-user';
import { downloadExport, readDataset } from './package-download';
import { buildStackPage, freshBrowser, screenshotPath, signIn } from './web-browser';

/**
 * The web page in a real Chromium against the running stack: one user sees the estimate of a
 * backup before creating it, backs up and downloads; another checks the file, restores it as a
 * copy, cancels a restore and reads why a hostile package is refused; a large package's upload
 * in parts is paused and resumed. The restored data is then checked through the API.
 * Takes the screenshots shown in README.md and docs/web.md.
 */
// a loaded machine boots four services slowly
const READY_MS = 180000;
const MiB = 1024 * 1024;
/** the gateway's part size here (S3's smallest): a 20 MiB package goes in five parts */
const PART_MB = 5;

/** Waits until the element's text matches (an aria-live region that updates as options change). */
async function waitForText(locator: Locator, pattern: RegExp, timeoutMs = 30000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (!pattern.test((text = ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim()))) {
    if (Date.now() > deadline) throw new Error(`text ${JSON.stringify(text)} did not come to match ${pattern}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return text;
}

describe('web page (browser e2e)', () => {
  const env = stackEnv();
  let services: RunningService[];
  let clients: SeedClients;
  let seed: SeedSummary;
  let gatewayUrl: string;
  const alice = `alice-${randomUUID().slice(0, 8)}`;
  const bob = `bob-${randomUUID().slice(0, 8)}`;
  // a user with a 20 MiB scanned statement: a package large enough to be sent in several parts
  const erin = `erin-${randomUUID().slice(0, 8)}`;
  let downloaded: string;
  const contexts: BrowserContext[] = [];

  const openAs = async (user: string, viewport?: { width: number; height: number }): Promise<Page> => {
    const context = await freshBrowser(viewport);
    contexts.push(context);
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (d) => void d.accept());
    await signIn(page, gatewayUrl, user);
    return page;
  };

  beforeAll(async () => {
    const webRoot = buildStackPage();
    ({ clients } = localStackTarget());
    const web = { WEB_ROOT: webRoot, LOCAL_SIGN_IN: 'true', LOCAL_SIGN_IN_KEY_FILE: join(env.AUTH_JWKS_FILE, '..', 'private.jwk.json') };
    [seed, , services] = await Promise.all([
      seedUser(clients, localStackTarget().names, { userId: alice, transactions: 300, files: 3 }),
      seedUser(clients, localStackTarget().names, { userId: erin, transactions: 40, files: 1, awkward: true }),
      Promise.all([
        // small parts: the large package's upload has several, so it can be paused between them
        startService('gateway', { ...web, IMPORT_PART_SIZE_MB: String(PART_MB) }, READY_MS),
        startService('export-service', {}, READY_MS),
        // small chunks: a restore takes long enough to be cancelled from the page
        startService('import-service', { IMPORT_CHUNK_RECORDS: '10' }, READY_MS),
        startService('file-service', {}, READY_MS),
      ]),
    ]);
    gatewayUrl = services[0].url;
    // the page uploads and downloads straight to the packages bucket: allow its origin (a free port here)
    await setBucketCors(clients.s3, env.PACKAGES_BUCKET, [...LOCAL_WEB_ORIGINS, gatewayUrl]);
  }, 300000);

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await Promise.all((services ?? []).map((s) => s.stop()));
    if (clients) {
      await setBucketCors(clients.s3, env.PACKAGES_BUCKET, LOCAL_WEB_ORIGINS);
      destroyClients(clients);
    }
  });

  it('serves the page at / and the local sign-in, which refuses a bad user name', async () => {
    const html = await (await fetch(`${gatewayUrl}/`)).text();
    expect(html).toContain('<div id="root"></div>');
    const bad = await fetch(`${gatewayUrl}/auth/local/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userName: '../x' }) });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/userName must be 1-128 letters/);
    expect((await fetch(`${gatewayUrl}/export`)).status).toBe(401);
    const context = await freshBrowser();
    contexts.push(context);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${gatewayUrl}/`);
    await page.getByLabel('User name').waitFor();
    await page.screenshot({ path: screenshotPath('sign-in') });
  }, 120000);

  it('user A backs up: estimate before creating, progress up to 100, counts, expiry, download', async () => {
    const page = await openAs(alice);
    await page.getByText(/No backups yet/).waitFor();
    // the estimate is there before anything is created, in plain words, and follows the options
    const estimate = page.locator('#export-estimate');
    const everything = new RegExp(`^Estimated: About [\\d.]+ (KB|MB), under a minute\\..*\\(${seed.counts.transactions} transactions\\)`);
    await expect(estimate.getAttribute('role')).resolves.toBe('status');
    await waitForText(estimate, everything);
    await page.getByRole('radio', { name: /Categories and rules only/ }).check();
    await waitForText(estimate, new RegExp(`under a minute\\.${seed.counts.categories} records\\.$`));
    await page.getByRole('radio', { name: /Everything/ }).check();
    await waitForText(estimate, everything);
    await expect(page.getByRole('button', { name: 'Create backup' }).getAttribute('aria-describedby')).resolves.toBe('export-estimate');
    await page.getByLabel('Description').fill('Everything, before moving banks');
    await page.screenshot({ path: screenshotPath('backup-estimate'), fullPage: true });
    await page.getByRole('button', { name: 'Create backup' }).click();
    await page.getByText(/Backup started. Estimated size: about/).waitFor();
    const card = page.locator('article.export-card').first();
    const bar = card.getByRole('progressbar');
    const seen: number[] = [];
    let shot = false;
    const deadline = Date.now() + 120000;
    while (!(await card.getByText('Ready').isVisible())) {
      if (Date.now() > deadline) throw new Error(`the backup did not complete; progress seen: ${seen.join(',')}`);
      const value = await bar.getAttribute('aria-valuenow', { timeout: 1000 }).catch(() => null);
      if (value !== null) seen.push(Number(value));
      if (!shot && value !== null && (await card.getByText('In progress').isVisible())) {
        await page.screenshot({ path: screenshotPath('backups-running'), fullPage: true });
        shot = true;
      }
      await page.waitForTimeout(100);
    }
    await expect(bar.getAttribute('aria-valuenow')).resolves.toBe('100');
    seen.push(100);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    await card.getByText(/expires in 6 days 23 hours|expires in 7 days/).waitFor();
    expect(await card.locator('.counts dt', { hasText: 'Transactions' }).locator('xpath=..').locator('dd').textContent()).toBe(seed.counts.transactions.toLocaleString('en-US'));
    await page.screenshot({ path: screenshotPath('backups'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('link', { name: 'Download' }).click()]);
    downloaded = join(mkdtempSync(join(tmpdir(), 'web-e2e-')), download.suggestedFilename());
    await download.saveAs(downloaded);
    const bytes = readFileSync(downloaded);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');

    const phone = await openAs(alice, { width: 390, height: 844 });
    await phone.locator('article.export-card').first().getByText('Ready').waitFor();
    await phone.screenshot({ path: screenshotPath('backups-phone'), fullPage: true });
  }, 240000);

  it('user B checks the downloaded file, reads the report, restores it as a copy and sees it completed', async () => {
    const page = await openAs(bob);
    await page.getByRole('tab', { name: 'Restore' }).click();
    await page.getByLabel(/Choose a backup file/).setInputFiles(downloaded);
    await expect(page.getByRole('checkbox', { name: /Check the file first/ }).isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Upload and check' }).click();
    const result = page.locator('section.check-result');
    await result.waitFor({ timeout: 120000 });
    // A's ids belong to A: the check says so and shows the way out
    await result.getByText(/belong to another account/).first().waitFor();
    const accountsRow = result.getByRole('row', { name: /Accounts/ });
    expect(await accountsRow.locator('td').last().textContent()).toBe(String(seed.counts.accounts));
    await page.screenshot({ path: screenshotPath('restore-check'), fullPage: true });

    await page.getByRole('checkbox', { name: /Import as a copy/ }).check();
    await page.getByRole('button', { name: 'Check again with these choices' }).click();
    await result.getByText('The file is fine: it can be restored with these choices.').waitFor({ timeout: 120000 });
    await result.getByRole('button', { name: 'Restore now' }).click();
    await page.getByText('Restore complete.').waitFor({ timeout: 180000 });
    await page.screenshot({ path: screenshotPath('restore-complete'), fullPage: true });

    // the restored data, through the API: B's own backup holds A's data under new ids
    const api = await GatewayClient.forUser(gatewayUrl, bob);
    const { body } = await api.request<{ exportId: string }>('POST', '/export', { includeAnalytics: false });
    expect((await api.waitForExport(body.exportId)).status).toBe('completed');
    const restored = await readDataset((await downloadExport(api, body.exportId)).path);
    const original = await readDataset(downloaded);
    const entities: EntityName[] = ['accounts', 'transactions', 'categories', 'file_maps', 'transaction_files'];
    for (const entity of entities) expect({ entity, n: restored[entity].length }).toEqual({ entity, n: original[entity].length });
    const amounts = (d: typeof original) => d.transactions.map((t) => String((t as { amount: unknown }).amount)).sort();
    expect(amounts(restored)).toEqual(amounts(original));
    const aliceAccounts = new Set(original.accounts.map((a) => a.accountId));
    expect(restored.accounts.some((a) => aliceAccounts.has(a.accountId))).toBe(false);
  }, 420000);

  it('cancels a running restore from the page; it ends cancelled', async () => {
    const page = await openAs(`carol-${randomUUID().slice(0, 8)}`);
    await page.getByRole('tab', { name: 'Restore' }).click();
    await page.getByLabel(/Choose a backup file/).setInputFiles(downloaded);
    await page.getByRole('checkbox', { name: /Import as a copy/ }).check();
    await page.getByRole('checkbox', { name: /Check the file first/ }).uncheck();
    await page.getByRole('button', { name: 'Upload and restore' }).click();
    const cancel = page.getByRole('button', { name: 'Cancel restore' });
    await cancel.waitFor({ timeout: 120000 });
    // live phase progress: the saga is writing
    await page.getByRole('progressbar', { name: /^Restoring / }).waitFor({ timeout: 120000 });
    await page.screenshot({ path: screenshotPath('restore-running'), fullPage: true });
    await cancel.click();
    await page.getByText(/Restore cancelled/).waitFor({ timeout: 180000 });
    await page.screenshot({ path: screenshotPath('restore-cancelled'), fullPage: true });
  }, 300000);

  it('pauses a restore upload in parts mid-way, resumes it with only the missing parts, and the check passes', async () => {
    // E's whole data through the API: a package with a 20 MiB statement, several parts of PART_MB
    const owner = await GatewayClient.forUser(gatewayUrl, erin);
    const { body } = await owner.request<{ exportId: string }>('POST', '/export', {});
    expect((await owner.waitForExport(body.exportId, undefined, 180000)).status).toBe('completed');
    const big = (await downloadExport(owner, body.exportId)).path;
    const partCount = Math.ceil(statSync(big).size / (PART_MB * MiB));
    expect(partCount).toBeGreaterThanOrEqual(3);

    const frank = `frank-${randomUUID().slice(0, 8)}`;
    const page = await openAs(frank);
    // every part the page PUTs to the bucket, by number (aborted ones included)
    const sent: number[] = [];
    const partOf = (url: string) => Number(new URL(url).searchParams.get('partNumber') ?? NaN);
    page.on('request', (r) => {
      if (r.method() === 'PUT' && partOf(r.url()) > 0) sent.push(partOf(r.url()));
    });
    // part 2 is held on its way out, so the page is paused while it is in flight
    const isPart2 = (url: URL) => url.searchParams.get('partNumber') === '2';
    let held!: (route: Route) => void;
    const part2 = new Promise<Route>((r) => (held = r));
    await page.route(isPart2, (route) => held(route));

    await page.getByRole('tab', { name: 'Restore' }).click();
    await page.getByLabel(/Choose a backup file/).setInputFiles(big);
    await page.getByRole('checkbox', { name: /Import as a copy/ }).check();
    await expect(page.getByRole('checkbox', { name: /Check the file first/ }).isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Upload and check' }).click();
    const route = await part2;
    await page.getByRole('button', { name: 'Pause upload' }).click();
    const bar = page.getByRole('progressbar', { name: 'Upload paused' });
    await bar.waitFor();
    // the held request was given up by the page; make sure it never reaches the bucket
    await route.abort().catch(() => undefined);
    await page.unroute(isPart2);
    const percent = Number(await bar.getAttribute('aria-valuenow'));
    expect(percent).toBeGreaterThan(0);
    expect(percent).toBeLessThan(100);
    await page.getByRole('button', { name: 'Resume upload' }).waitFor();
    await page.screenshot({ path: screenshotPath('restore-paused'), fullPage: true });

    // the storage holds part 1 only; the rest is missing
    const api = await GatewayClient.forUser(gatewayUrl, frank);
    const [{ importId }] = (await api.request<{ imports: Array<{ importId: string }> }>('GET', '/import')).body.imports;
    const listed = await api.request<{ parts: Array<{ partNumber: number }>; missingParts: number[]; partCount: number }>('GET', `/import/${importId}/upload/parts`);
    expect(listed.body.partCount).toBe(partCount);
    expect(listed.body.parts.map((p) => p.partNumber)).toEqual([1]);
    expect(listed.body.missingParts).toEqual(Array.from({ length: partCount - 1 }, (_, i) => i + 2));

    await page.getByRole('button', { name: 'Resume upload' }).click();
    const result = page.locator('section.check-result');
    await result.getByText('The file is fine: it can be restored with these choices.').waitFor({ timeout: 180000 });
    // resumed from the listed parts: part 1 went once, part 2 again, every other part once
    expect(sent.filter((n) => n === 1)).toHaveLength(1);
    expect(sent.filter((n) => n === 2)).toHaveLength(2);
    expect([...new Set(sent)].sort((a, b) => a - b)).toEqual(Array.from({ length: partCount }, (_, i) => i + 1));
    expect(sent).toHaveLength(partCount + 1);
    const status = await api.request<{ status: string; errorCount: number }>('GET', `/import/${importId}/status`);
    expect(status.body).toMatchObject({ status: 'validation_passed', errorCount: 0 });
  }, 420000);

  it('a hostile package shows its reasons', async () => {
    const page = await openAs(`dave-${randomUUID().slice(0, 8)}`);
    await page.getByRole('tab', { name: 'Restore' }).click();
    await page.getByLabel(/Choose a backup file/).setInputFiles(join(REPO_ROOT, 'libs/package-format/test/corpus/packages/01-zip-slip.zip'));
    await page.getByRole('button', { name: 'Upload and check' }).click();
    const result = page.locator('section.check-result');
    await result.getByText(/cannot be restored as it is/).waitFor({ timeout: 120000 });
    const reasons = await result.locator('.issue-list li').allTextContents();
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.join(' ')).toMatch(/\.\.|outside|path/i);
    await page.screenshot({ path: screenshotPath('restore-hostile'), fullPage: true });
  }, 180000);
});

