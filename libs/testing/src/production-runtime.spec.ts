import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRODUCTION_NODE_ARGS, PRODUCTION_RUNTIME_ENV, SERVICE_ENTRYPOINTS, SERVICE_NODE_ARGS, ServiceKey } from './service-process';

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

  it('are each service\'s command in docker-compose.yml: its own node options between node and its entry point', () => {
    const compose = readFileSync(join(__dirname, '..', '..', '..', 'docker-compose.yml'), 'utf8');
    const checked: string[] = [];
    for (const name of Object.keys(SERVICE_ENTRYPOINTS) as ServiceKey[]) {
      const command = new RegExp(`^  ${name}:\\n(?:    .*\\n)*?    command: (\\[.*\\])$`, 'm').exec(compose)?.[1];
      if (command === undefined) continue; // not a service of the compose file
      const args: string[] = JSON.parse(command);
      expect({ name, args: args.slice(1, -1) }).toEqual({ name, args: [...(SERVICE_NODE_ARGS[name] ?? [])] });
      checked.push(name);
    }
    expect(checked).toEqual(expect.arrayContaining(['gateway', 'export-service', 'import-service', 'file-service']));
    expect(Object.keys(SERVICE_NODE_ARGS).every((name) => compose.includes(`  ${name}:\n`))).toBe(true);
  });
});
