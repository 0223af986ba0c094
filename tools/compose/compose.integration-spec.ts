import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from '@housef3/testing';
import { stackConfig } from '../stack/stack-config';
import { composeEnv } from './compose-cli';

/** docker-compose.yml describes the same stack plus the five services; the compose client validates it (no engine needed). */
describe('docker-compose.yml', () => {
  let cli: ReturnType<typeof composeEnv>;
  // first run on a machine without the compose plugin builds it (minutes); cached afterwards
  beforeAll(() => {
    cli = composeEnv(stackConfig().cacheDir);
  }, 900000);
  const compose = (...args: string[]) => {
    if ('unavailable' in cli) throw new Error(cli.unavailable);
    return execFileSync('docker', ['compose', '-f', 'docker-compose.yml', ...args], { cwd: REPO_ROOT, env: cli.env }).toString();
  };

  it('is accepted by `docker compose config`', () => {
    expect(() => compose('config', '--quiet')).not.toThrow();
  });

  it('runs the same stack as npm start: Kafka 3.9.1, DynamoDB Local, an S3 server, provisioning, and the five services', () => {
    const config = JSON.parse(compose('config', '--format', 'json'));
    expect(Object.keys(config.services).sort()).toEqual(['analytics-trigger', 'dynamodb', 'export-service', 'file-service', 'gateway', 'import-service', 'kafka', 'provision', 's3']);
    expect(config.services.kafka.image).toBe('apache/kafka:3.9.1');
    for (const svc of ['gateway', 'export-service', 'import-service', 'file-service', 'analytics-trigger']) {
      expect(config.services[svc].environment).toMatchObject({ KAFKA_BROKERS: 'kafka:9092', TABLE_PREFIX: 'housef3-dev' });
      expect(config.services[svc].depends_on.provision.condition).toBe('service_completed_successfully');
    }
    expect(config.services.gateway.ports[0].published).toBe('3000');
  });
});
