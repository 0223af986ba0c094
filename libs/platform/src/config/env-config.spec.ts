import { ServiceConfig } from './service.config';
import { ConfigError, loadConfig } from './env-config';

const good = {
  HTTP_PORT: '3001', KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9094', AWS_REGION: 'us-east-1',
  TABLE_PREFIX: 'housef3-dev', FILE_STORAGE_BUCKET: 'housef3-dev-file-storage', PACKAGES_BUCKET: 'housef3-dev-packages',
  S3_ENDPOINT: 'http://127.0.0.1:4566', S3_FORCE_PATH_STYLE: 'true', UNRELATED: 'ignored',
};

describe('loadConfig', () => {
  it('parses and types a good environment, with defaults', () => {
    const cfg = loadConfig(ServiceConfig, good, 'export-service');
    expect(cfg.HTTP_PORT).toBe(3001);
    expect(cfg.KAFKA_BROKERS).toEqual(['127.0.0.1:9092', '127.0.0.1:9094']);
    expect(cfg.S3_FORCE_PATH_STYLE).toBe(true);
    expect(cfg.LOG_LEVEL).toBe('info');
    expect(cfg.HTTP_HOST).toBe('127.0.0.1');
    expect(cfg).not.toHaveProperty('UNRELATED');
  });

  it('names every bad variable in one error', () => {
    const env = { ...good, HTTP_PORT: 'eighty', KAFKA_BROKERS: 'no-port', AWS_REGION: undefined, PACKAGES_BUCKET: 'Bad_Bucket', S3_FORCE_PATH_STYLE: 'maybe' };
    let error: unknown;
    try {
      loadConfig(ServiceConfig, env, 'export-service');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Invalid configuration for export-service:/);
    for (const v of ['HTTP_PORT', 'KAFKA_BROKERS', 'AWS_REGION', 'PACKAGES_BUCKET', 'S3_FORCE_PATH_STYLE']) expect(message).toContain(`${v}:`);
    expect(message).toContain('AWS_REGION: is required (not set)');
    expect((error as ConfigError).problems.length).toBeGreaterThanOrEqual(5);
  });

  it('treats an empty variable as unset', () => {
    expect(() => loadConfig(ServiceConfig, { ...good, TABLE_PREFIX: '' }, 'x')).toThrow(/TABLE_PREFIX: .*not set/);
  });
});
