import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const NPM_BUILTINS = new Set(['test', 'start', 'stop', 'ci', 'install', 'run']);

/** Every `npm run X` (and `npm run -s X`, `npm X` for test/start/stop) a markdown text names. */
export function npmCommandsIn(markdown: string): string[] {
  const names = new Set<string>();
  for (const m of markdown.matchAll(/npm run(?: -s| --silent)? ([a-z][\w:.-]*)/g)) names.add(m[1]);
  for (const m of markdown.matchAll(/`(stack:[a-z]+)`/g)) names.add(m[1]);
  return [...names];
}

describe('commands named in README.md and docs/', () => {
  const scripts = Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>);
  const files = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

  it.each(files)('%s names only npm scripts that exist', (file) => {
    const missing = npmCommandsIn(readFileSync(join(ROOT, file), 'utf8')).filter((name) => !scripts.includes(name) && !NPM_BUILTINS.has(name));
    expect(missing).toEqual([]);
  });

  it('finds the commands (the check itself can fail)', () => {
    expect(npmCommandsIn('run `npm run docs:openapi`, then `npm run -s token -- me` and `stack:down`').sort()).toEqual(['docs:openapi', 'stack:down', 'token']);
    expect(npmCommandsIn('`npm run nope`').filter((n) => !scripts.includes(n))).toEqual(['nope']);
  });
});
