import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localAuthFromEnv, stackEnv } from './stack-env';

describe('stackEnv', () => {
  const previous = process.env.STACK_DIR;
  afterEach(() => {
    if (previous === undefined) delete process.env.STACK_DIR;
    else process.env.STACK_DIR = previous;
  });

  it('reads the variables the stack published', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stack-env-'));
    writeFileSync(join(dir, 'stack.env'), 'KAFKA_BROKERS=127.0.0.1:9999\nAUTH_JWKS_FILE=/x/auth/jwks.json\nAUTH_ISSUER=iss\nAUTH_AUDIENCE=aud\n# comment\n');
    process.env.STACK_DIR = dir;
    expect(stackEnv().KAFKA_BROKERS).toBe('127.0.0.1:9999');
    expect(localAuthFromEnv()).toEqual({ dir: '/x/auth', issuer: 'iss', audience: 'aud' });
  });

  it('explains how to start the stack when it is not running', () => {
    process.env.STACK_DIR = mkdtempSync(join(tmpdir(), 'stack-env-'));
    expect(() => stackEnv()).toThrow(/npm run stack:up/);
  });
});
