import { ConfigError, loadConfig } from '@housef3/platform';
import { ExportServiceConfig } from './export-service.config';

const env = {
  KAFKA_BROKERS: '127.0.0.1:9092', AWS_REGION: 'us-east-1', TABLE_PREFIX: 'housef3-dev',
  FILE_STORAGE_BUCKET: 'housef3-dev-file-storage', PACKAGES_BUCKET: 'housef3-dev-packages',
};

describe('ExportServiceConfig', () => {
  it('listens on 3001 unless HTTP_PORT says otherwise', () => {
    expect(loadConfig(ExportServiceConfig, env, 'export-service').HTTP_PORT).toBe(3001);
    expect(loadConfig(ExportServiceConfig, { ...env, HTTP_PORT: '4000' }, 'export-service').HTTP_PORT).toBe(4000);
  });

  it('needs Kafka, AWS, the table prefix and both buckets', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig(ExportServiceConfig, {}, 'export-service');
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error?.problems.map((p) => p.split(':')[0]).sort()).toEqual(['AWS_REGION', 'FILE_STORAGE_BUCKET', 'KAFKA_BROKERS', 'PACKAGES_BUCKET', 'TABLE_PREFIX']);
  });
});
