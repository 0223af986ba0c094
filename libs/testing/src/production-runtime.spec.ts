import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRODUCTION_NODE_ARGS, PRODUCTION_RUNTIME_ENV } from './service-process';

// Tests and benchmarks run compiled services the way the image does: the two must not drift apart.
describe('the production runtime settings', () => {
  const dockerfile = readFileSync(join(__dirname, '..', '..', '..', 'Dockerfile'), 'utf8');
  const env = /^ENV (.+)$/m.exec(dockerfile)?.[1] ?? '';

  it('are the node options of the image', () => {
    expect(/NODE_OPTIONS="([^"]*)"/.exec(env)?.[1]?.split(' ')).toEqual([...PRODUCTION_NODE_ARGS]);
  });

  it('are the runtime environment of the image', () => {
    for (const [name, value] of Object.entries(PRODUCTION_RUNTIME_ENV)) expect(env).toContain(`${name}=${value}`);
  });
});
