import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return n;
}

/**
 * Everything about the local stack that can be configured, from STACK_* variables:
 * ports, the folder that holds caches/data/logs, and the `${project}-${env}` prefix.
 */
export function stackConfig() {
  const dir = resolve(ROOT, process.env.STACK_DIR ?? '.stack');
  const prefix = process.env.STACK_PREFIX ?? 'housef3-dev';
  return {
    root: ROOT,
    dir,
    cacheDir: resolve(process.env.STACK_CACHE_DIR ?? resolve(dir, 'cache')),
    dataDir: resolve(dir, 'data'),
    logDir: resolve(dir, 'logs'),
    runDir: resolve(dir, 'run'),
    envFile: resolve(dir, 'stack.env'),
    prefix,
    region: process.env.STACK_AWS_REGION ?? 'us-east-1',
    kafka: { version: '3.9.1', port: int('STACK_KAFKA_PORT', 9092), controllerPort: int('STACK_KAFKA_CONTROLLER_PORT', 9093), partitions: 3 },
    dynamodb: { version: '2.5.2', port: int('STACK_DYNAMODB_PORT', 8000) },
    s3: { moto: '5.2.5', port: int('STACK_S3_PORT', 4566) },
    /** where provisioning reaches the servers: our own by default, or given ones (docker compose) */
    endpoints: {
      kafkaBrokers: process.env.STACK_KAFKA_BROKERS,
      dynamodb: process.env.STACK_DYNAMODB_ENDPOINT,
      s3: process.env.STACK_S3_ENDPOINT,
    },
    auth: {
      dir: resolve(process.env.STACK_AUTH_DIR ?? resolve(dir, 'auth')),
      issuer: 'https://auth.housef3.local/local-stack',
      audience: 'housef3-local-client',
    },
  };
}

export type StackConfig = ReturnType<typeof stackConfig>;
