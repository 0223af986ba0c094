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

describe('GatewayConfig: the web page and the local sign-in', () => {
  const local = { ...base, AUTH_JWKS_FILE: '/tmp/jwks.json' };

  it('has neither by default', () => {
    const cfg = loadConfig(GatewayConfig, local, 'gateway');
    expect(cfg.LOCAL_SIGN_IN).toBe(false);
    expect(cfg.WEB_ROOT).toBeUndefined();
  });

  it('turns the local sign-in on with its key file', () => {
    const cfg = loadConfig(GatewayConfig, { ...local, LOCAL_SIGN_IN: 'true', LOCAL_SIGN_IN_KEY_FILE: '/tmp/private.jwk.json', WEB_ROOT: 'dist/apps/web-local' }, 'gateway');
    expect(cfg.LOCAL_SIGN_IN).toBe(true);
    expect(cfg.LOCAL_SIGN_IN_KEY_FILE).toBe('/tmp/private.jwk.json');
  });

  it('refuses the local sign-in in production, without a key file, or with a value that is not a boolean', () => {
    expect(() => loadConfig(GatewayConfig, { ...local, NODE_ENV: 'production', LOCAL_SIGN_IN: 'true', LOCAL_SIGN_IN_KEY_FILE: '/k' }, 'gateway')).toThrow(/LOCAL_SIGN_IN must not be enabled when NODE_ENV=production/);
    expect(() => loadConfig(GatewayConfig, { ...local, LOCAL_SIGN_IN: 'true' }, 'gateway')).toThrow(/LOCAL_SIGN_IN_KEY_FILE: is required/);
    expect(() => loadConfig(GatewayConfig, { ...local, LOCAL_SIGN_IN: 'yes' }, 'gateway')).toThrow(/LOCAL_SIGN_IN: .*boolean/);
    expect(loadConfig(GatewayConfig, { ...local, NODE_ENV: 'production' }, 'gateway').LOCAL_SIGN_IN).toBe(false);
  });
});
