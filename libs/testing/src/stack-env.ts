import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** Where the local stack keeps its state (STACK_DIR, default .stack). */
export function stackDir(): string {
  return resolve(REPO_ROOT, process.env.STACK_DIR ?? '.stack');
}

/**
 * The variables the running local stack published in .stack/stack.env. Integration tests
 * need a running stack: `npm test` starts it; run `npm run stack:up` when using jest directly.
 */
export function stackEnv(): Record<string, string> {
  const file = resolve(stackDir(), 'stack.env');
  if (!existsSync(file)) throw new Error(`no local stack: ${file} is missing. Run \`npm run stack:up\` (npm test does it for you).`);
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2];
  }
  return env;
}

export function localAuthFromEnv(env = stackEnv()) {
  return { dir: dirname(env.AUTH_JWKS_FILE), issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE };
}
