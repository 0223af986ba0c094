import { loadConfig } from '@housef3/platform';
import { GatewayConfig } from './gateway.config';

const base = {
  KAFKA_BROKERS: '127.0.0.1:9092', AWS_REGION: 'us-east-1', TABLE_PREFIX: 'housef3-dev',
  FILE_STORAGE_BUCKET: 'housef3-dev-file-storage', PACKAGES_BUCKET: 'housef3-dev-packages',
  AUTH_ISSUER: 'https://issuer.example', AUTH_AUDIENCE: 'client',
};

describe('GatewayConfig', () => {
  it('defaults to port 3000 and ID tokens, with a JWKS file', () => {
    const cfg = loadConfig(GatewayConfig, { ...base, AUTH_JWKS_FILE: '/tmp/jwks.json' }, 'gateway');
    expect(cfg.HTTP_PORT).toBe(3000);
    expect(cfg.AUTH_TOKEN_USE).toBe('id');
    expect(cfg.AUTH_CLOCK_TOLERANCE_S).toBe(5);
  });

  it('accepts a JWKS URL instead (Cognito)', () => {
    const cfg = loadConfig(GatewayConfig, { ...base, AUTH_JWKS_URL: 'https://cognito-idp.eu-west-1.amazonaws.com/pool/.well-known/jwks.json', AUTH_TOKEN_USE: 'access' }, 'gateway');
    expect(cfg.AUTH_TOKEN_USE).toBe('access');
  });

  it('needs one JWKS source and a known token_use', () => {
    expect(() => loadConfig(GatewayConfig, { ...base, AUTH_TOKEN_USE: 'refresh' }, 'gateway')).toThrow(/AUTH_JWKS_URL: [\s\S]*AUTH_TOKEN_USE:|AUTH_TOKEN_USE: [\s\S]*AUTH_JWKS_URL:/);
  });

  it('takes by default the largest package an export writes (10,000 parts of 5 MiB)', () => {
    const cfg = loadConfig(GatewayConfig, { ...base, AUTH_JWKS_FILE: '/tmp/jwks.json' }, 'gateway');
    expect(cfg.IMPORT_MAX_PACKAGE_MB * 1024 * 1024).toBeGreaterThanOrEqual(10_000 * 5 * 1024 * 1024);
    expect(cfg.CORS_ALLOWED_ORIGINS).toEqual([]);
  });

  it('reads the CORS allow-list as origins, and refuses a path or a wildcard', () => {
    const cfg = loadConfig(GatewayConfig, { ...base, AUTH_JWKS_FILE: '/tmp/jwks.json', CORS_ALLOWED_ORIGINS: 'https://app.housef3.com, http://localhost:4200' }, 'gateway');
    expect(cfg.CORS_ALLOWED_ORIGINS).toEqual(['https://app.housef3.com', 'http://localhost:4200']);
    expect(() => loadConfig(GatewayConfig, { ...base, AUTH_JWKS_FILE: '/tmp/jwks.json', CORS_ALLOWED_ORIGINS: '*' }, 'gateway')).toThrow(/CORS_ALLOWED_ORIGINS/);
    expect(() => loadConfig(GatewayConfig, { ...base, AUTH_JWKS_FILE: '/tmp/jwks.json', CORS_ALLOWED_ORIGINS: 'https://app.housef3.com/path' }, 'gateway')).toThrow(/CORS_ALLOWED_ORIGINS/);
  });
});
