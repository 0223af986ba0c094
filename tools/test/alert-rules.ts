import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The alert rules, checked (`promtool check rules`) and unit-tested (`promtool test rules`).
 * promtool comes with Debian's `prometheus` package: installed here when missing (idempotent;
 * needs root and apt, as on the project's machines and CI).
 */
function ensurePromtool(): boolean {
  if (spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0) return true;
  console.log('promtool is missing: installing Debian\'s prometheus package');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'prometheus'], { stdio: 'inherit', env }).status === 0;
  if (!install()) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    if (!install()) return false;
  }
  return spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Runs both checks; returns how many passed and failed (one test each). */
export function checkAlertRules(root: string): { passed: number; failed: number } {
  if (!ensurePromtool()) {
    console.error('promtool could not be installed: the alert rules are not checked');
    return { passed: 0, failed: 2 };
  }
  const dir = join(root, 'ops', 'prometheus');
  let passed = 0;
  let failed = 0;
  for (const args of [['check', 'rules', 'alerts.yml'], ['test', 'rules', 'alerts.test.yml']]) {
    const ok = spawnSync('promtool', args, { cwd: dir, stdio: 'inherit' }).status === 0;
    if (ok) passed++;
    else failed++;
  }
  return { passed, failed };
}
