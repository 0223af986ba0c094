import { ConfigError, loadConfig } from '@housef3/platform';
import { ImportServiceConfig } from './import-service.config';

const env = {
  KAFKA_BROKERS: '127.0.0.1:9092', AWS_REGION: 'us-east-1', TABLE_PREFIX: 'housef3-dev',
  FILE_STORAGE_BUCKET: 'housef3-dev-file-storage', PACKAGES_BUCKET: 'housef3-dev-packages',
};

describe('ImportServiceConfig', () => {
  it('listens on 3002 unless HTTP_PORT says otherwise', () => {
    expect(loadConfig(ImportServiceConfig, env, 'import-service').HTTP_PORT).toBe(3002);
    expect(loadConfig(ImportServiceConfig, { ...env, HTTP_PORT: '4000' }, 'import-service').HTTP_PORT).toBe(4000);
  });

  it('needs Kafka, AWS, the table prefix and both buckets', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig(ImportServiceConfig, {}, 'import-service');
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error?.problems.map((p) => p.split(':')[0]).sort()).toEqual(['AWS_REGION', 'FILE_STORAGE_BUCKET', 'KAFKA_BROKERS', 'PACKAGES_BUCKET', 'TABLE_PREFIX']);
  });
});
