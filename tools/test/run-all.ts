import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stackDown, stackReady, stackUp } from '../stack/stack';
import { stackConfig } from '../stack/stack-config';
import { checkAlertRules } from './alert-rules';

/**
 * `npm test`: the whole suite, in tiers.
 *   1. static: typecheck + lint of every project (Nx, module boundaries included), and the
 *      OpenAPI lint of docs/openapi.json (redocly)
 *   2. unit: pure logic, no servers
 *   3. integration + end-to-end: against the real local stack, started here if it is not running
 *      (and stopped again afterwards when this run started it)
 * Prints one closing line "Tests: N passed, N failed, N skipped".
 * Flags: --only static|unit|integration (repeatable), --keep-stack.
 */
interface Totals { passed: number; failed: number; skipped: number }

function exec(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function jest(cfg: ReturnType<typeof stackConfig>, config: string, report: string): Promise<Totals & { code: number }> {
  const out = join(cfg.dir, 'reports', report);
  mkdirSync(join(cfg.dir, 'reports'), { recursive: true });
  const code = await exec(process.execPath, [join(cfg.root, 'node_modules/jest/bin/jest.js'), '-c', config, '--json', `--outputFile=${out}`]);
  if (!existsSync(out)) return { code: code || 1, passed: 0, failed: 1, skipped: 0 };
  const r = JSON.parse(readFileSync(out, 'utf8'));
  // a suite that fails to load has no failed test; count it as a failure
  const brokenSuites = (r.testResults as Array<{ status: string; assertionResults: unknown[] }>).filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
  return { code, passed: r.numPassedTests, failed: r.numFailedTests + brokenSuites, skipped: r.numPendingTests + r.numTodoTests };
}

/** The web page's component tests (vitest + jsdom), counted like jest's. */
async function vitest(cfg: ReturnType<typeof stackConfig>): Promise<Totals & { code: number }> {
  const out = join(cfg.dir, 'reports', 'web-unit.json');
  mkdirSync(join(cfg.dir, 'reports'), { recursive: true });
  const code = await exec(process.execPath, [join(cfg.root, 'node_modules/vitest/vitest.mjs'), 'run', '-c', 'apps/web/vite.config.mts', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (!existsSync(out)) return { code: code || 1, passed: 0, failed: 1, skipped: 0 };
  const r = JSON.parse(readFileSync(out, 'utf8'));
  return { code, passed: r.numPassedTests, failed: r.numFailedTests + (r.numFailedTestSuites ?? 0), skipped: r.numPendingTests + r.numTodoTests };
}

/** The browser tests drive Debian's chromium: install it when it is missing (never a downloaded browser). */
async function ensureChromium(): Promise<void> {
  if (existsSync('/usr/bin/chromium')) return;
  console.log('installing chromium (apt-get) for the browser tests');
  if ((await exec('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'])) !== 0) {
    await exec('apt-get', ['update']);
    await exec('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']);
  }
}

async function main() {
  const args = process.argv.slice(2);
  const only = args.flatMap((a, i) => (a === '--only' ? [args[i + 1]] : []));
  const want = (tier: string) => only.length === 0 || only.includes(tier);
  const cfg = stackConfig();
  const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
  const add = (t: Totals) => ((totals.passed += t.passed), (totals.failed += t.failed), (totals.skipped += t.skipped));
  const started = Date.now();

  if (want('static')) {
    console.log('\n== static checks: typecheck and lint of every project ==');
    const code = await exec(process.execPath, [join(cfg.root, 'node_modules/nx/bin/nx.js'), 'run-many', '-t', 'typecheck', 'lint', '--outputStyle=stream'], { ...process.env, NX_DAEMON: 'false' });
    if (code === 0) totals.passed += 1;
    else totals.failed += 1;
    console.log('\n== OpenAPI lint of docs/openapi.json (redocly.yaml) ==');
    const lint = await exec(process.execPath, [join(cfg.root, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', '--config', join(cfg.root, 'redocly.yaml'), join(cfg.root, 'docs/openapi.json')]);
    if (lint === 0) totals.passed += 1;
    else totals.failed += 1;
    console.log('\n== alert rules: promtool check rules, promtool test rules ==');
    const rules = checkAlertRules(cfg.root);
    totals.passed += rules.passed;
    totals.failed += rules.failed;
  }
  if (want('unit')) {
    console.log('\n== unit tests ==');
    add(await jest(cfg, 'jest.unit.config.cjs', 'unit.json'));
    add(await vitest(cfg));
  }
  if (want('integration')) {
    console.log('\n== integration and end-to-end tests (real Kafka, DynamoDB Local, S3 server) ==');
    await ensureChromium();
    const running = await stackReady(cfg).catch(() => false);
    let startedHere = false;
    if (!running) {
      await stackUp(cfg);
      startedHere = true;
    }
    try {
      add(await jest(cfg, 'jest.integration.config.cjs', 'integration.json'));
    } finally {
      if (startedHere && !args.includes('--keep-stack')) await stackDown(cfg);
    }
  }
  console.log(`\n(${Math.round((Date.now() - started) / 1000)} s)`);
  console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exitCode = totals.failed > 0 ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
