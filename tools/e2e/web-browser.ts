import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { REPO_ROOT } from '@housef3/testing';

/** Debian's chromium, never a downloaded browser (tools/test/run-all.ts installs it). */
export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A fresh browser profile of its own (its own --user-data-dir), headless. */
export async function freshBrowser(viewport = { width: 1200, height: 900 }): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (npm test does it)`);
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'web-e2e-profile-')), {
    executablePath: CHROMIUM, headless: true, args: FLAGS, viewport, acceptDownloads: true,
  });
}

/** The page as the local stack serves it: built with the local sign-in. */
export function buildStackPage(): string {
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'apps/web/vite.config.mts', '--mode', 'stack', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  return join(REPO_ROOT, 'dist/apps/web-stack');
}

export async function signIn(page: Page, baseUrl: string, userName: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('User name').fill(userName);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('tab', { name: 'Backups' }).waitFor();
}

export function screenshotPath(name: string): string {
  return join(REPO_ROOT, 'docs/screenshots', `${name}.png`);
}
