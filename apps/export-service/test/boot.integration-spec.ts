import { runServiceToExit, stackEnv } from '@housef3/testing';

/** Config is validated once, at boot: a bad environment stops the process with every bad variable named. */
describe('service boot with a bad environment', () => {
  it('exits 78 (EX_CONFIG) naming every bad variable, before connecting anywhere', async () => {
    const env = { ...stackEnv(), PATH: process.env.PATH, HTTP_PORT: 'http', KAFKA_BROKERS: 'kafka-without-port', AWS_REGION: undefined, TABLE_PREFIX: '!' };
    const { code, output } = await runServiceToExit('export-service', env);
    expect(code).toBe(78);
    expect(output).toContain('Invalid configuration for export-service:');
    for (const name of ['HTTP_PORT', 'KAFKA_BROKERS', 'AWS_REGION', 'TABLE_PREFIX']) expect(output).toMatch(new RegExp(`- ${name}: `));
  });

  it('the gateway also refuses to boot without its identity settings', async () => {
    const env = { ...stackEnv(), PATH: process.env.PATH, HTTP_PORT: '3999', AUTH_ISSUER: undefined, AUTH_JWKS_FILE: undefined, AUTH_JWKS_URL: 'not a url' };
    const { code, output } = await runServiceToExit('gateway', env);
    expect(code).toBe(78);
    expect(output).toMatch(/- AUTH_ISSUER: /);
    expect(output).toMatch(/- AUTH_JWKS_URL: /);
  });
});
