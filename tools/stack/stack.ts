import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { bucketNames } from '@housef3/data-model';
import { ensureLocalKeys } from '@housef3/testing';
import { isOurs, ManagedProcess, portOpen, readPid, stopProcess } from '../lib/processes';
import { createTables, dynamoClient, dynamoEndpoint, dynamoProcess, dynamoReady, installDynamo, startDynamo, waitForDynamo } from './dynamodb.server';
import { createTopics, installKafka, kafkaBrokers, kafkaProcess, kafkaReady, startKafka, waitForKafka } from './kafka.server';
import { applyLifecycleRules, createBuckets, installS3, setBucketCors, s3Client, s3Endpoint, s3Process, s3Ready, startS3, waitForS3 } from './s3.server';
import { StackConfig } from './stack-config';

interface Server {
  proc: ManagedProcess;
  port: number;
  install(): Promise<void>;
  start(): Promise<void> | void;
  wait(): Promise<void>;
  ready(): Promise<boolean>;
}

function servers(cfg: StackConfig): Server[] {
  return [
    { proc: kafkaProcess(cfg), port: cfg.kafka.port, install: () => installKafka(cfg), start: () => startKafka(cfg), wait: () => waitForKafka(cfg), ready: () => kafkaReady(cfg) },
    { proc: dynamoProcess(cfg), port: cfg.dynamodb.port, install: () => installDynamo(cfg), start: () => startDynamo(cfg), wait: () => waitForDynamo(cfg), ready: () => dynamoReady(cfg) },
    { proc: s3Process(cfg), port: cfg.s3.port, install: () => installS3(cfg), start: () => startS3(cfg), wait: () => waitForS3(cfg), ready: () => s3Ready(cfg) },
  ];
}

/** Where the web page runs locally (served by the gateway, or a dev server): the gateway and the packages bucket allow these origins. */
export const LOCAL_WEB_ORIGINS = ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://localhost:4200', 'http://127.0.0.1:4200', 'http://localhost:5173', 'http://127.0.0.1:5173'];

/** The variables a service (or a test) needs to reach the stack. */
export function stackEnv(cfg: StackConfig): Record<string, string> {
  const buckets = bucketNames(cfg.prefix);
  return {
    KAFKA_BROKERS: kafkaBrokers(cfg).join(','),
    AWS_REGION: cfg.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    DYNAMODB_ENDPOINT: dynamoEndpoint(cfg),
    S3_ENDPOINT: s3Endpoint(cfg),
    S3_FORCE_PATH_STYLE: 'true',
    TABLE_PREFIX: cfg.prefix,
    FILE_STORAGE_BUCKET: buckets.fileStorage,
    PACKAGES_BUCKET: buckets.packages,
    AUTH_ISSUER: cfg.auth.issuer,
    AUTH_AUDIENCE: cfg.auth.audience,
    AUTH_TOKEN_USE: 'id',
    AUTH_JWKS_FILE: `${cfg.auth.dir}/jwks.json`,
    CORS_ALLOWED_ORIGINS: LOCAL_WEB_ORIGINS.join(','),
  };
}

/** Reads the env file written by `up` (what tests and the service launcher use). */
export function readStackEnv(cfg: StackConfig): Record<string, string> | undefined {
  if (!existsSync(cfg.envFile)) return undefined;
  const env: Record<string, string> = {};
  for (const line of readFileSync(cfg.envFile, 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2];
  }
  return env;
}

export async function stackUp(cfg: StackConfig): Promise<{ started: string[] }> {
  for (const d of [cfg.dir, cfg.cacheDir, cfg.dataDir, cfg.logDir, cfg.runDir]) mkdirSync(d, { recursive: true });
  const all = servers(cfg);
  const started: string[] = [];
  // Installs are independent downloads: run them side by side.
  await Promise.all(all.map((s) => s.install()));
  await Promise.all(all.map(async (s) => {
    if (isOurs(s.proc)) {
      console.log(`[stack] ${s.proc.name}: already running (pid ${readPid(s.proc)})`);
      return;
    }
    if (await portOpen(s.port)) {
      throw new Error(`[stack] ${s.proc.name}: port ${s.port} is taken by a process this stack did not start. ` +
        `Stop it, or choose other ports with STACK_KAFKA_PORT / STACK_KAFKA_CONTROLLER_PORT / STACK_DYNAMODB_PORT / STACK_S3_PORT.`);
    }
    await s.start();
    started.push(s.proc.name);
    console.log(`[stack] ${s.proc.name}: started (pid ${readPid(s.proc)}), log ${s.proc.logFile}`);
  }));
  await Promise.all(all.map((s) => s.wait()));
  await provision(cfg);
  return { started };
}

/**
 * Creates what the system needs on running servers (ours, or given by STACK_*_BROKERS/ENDPOINT,
 * e.g. in docker compose): topics, tables, buckets and the local auth keys. Idempotent.
 */
export async function provision(cfg: StackConfig): Promise<void> {
  if (cfg.endpoints.kafkaBrokers) await waitForKafka(cfg);
  if (cfg.endpoints.dynamodb) await waitForDynamo(cfg);
  if (cfg.endpoints.s3) await waitForS3(cfg);
  const env = stackEnv(cfg);
  const topics = await createTopics(cfg);
  const dynamo = dynamoClient(cfg);
  const tables = await createTables(dynamo, cfg.prefix).finally(() => dynamo.destroy());
  const s3 = s3Client(cfg);
  const buckets = await createBuckets(s3, [env.FILE_STORAGE_BUCKET, env.PACKAGES_BUCKET])
    .then(async (created) => (await setBucketCors(s3, env.PACKAGES_BUCKET, LOCAL_WEB_ORIGINS), created))
    .then(async (created) => (await applyLifecycleRules(s3, env.PACKAGES_BUCKET), created))
    .finally(() => s3.destroy());
  const keys = await ensureLocalKeys(cfg.auth);
  mkdirSync(dirname(cfg.envFile), { recursive: true });
  writeFileSync(cfg.envFile, `${Object.entries(env).map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
  console.log(`[stack] ready: ${topics.length} topics, ${tables.length} tables, ${buckets.length} buckets created${keys.created ? ', auth keys generated' : ''}; env in ${cfg.envFile}`);
}

export async function stackDown(cfg: StackConfig, only?: string[]): Promise<void> {
  for (const s of servers(cfg).reverse()) {
    if (only && !only.includes(s.proc.name)) continue;
    const stopped = await stopProcess(s.proc);
    console.log(`[stack] ${s.proc.name}: ${stopped ? 'stopped' : 'not running (nothing of ours to stop)'}`);
  }
}

export interface ServerState { name: string; port: number; ready: boolean; pid?: number }

/** Each server's state, quietly. */
export async function probeStack(cfg: StackConfig): Promise<ServerState[]> {
  return Promise.all(servers(cfg).map(async (s) => ({
    name: s.proc.name, port: s.port, ready: await s.ready().catch(() => false), pid: isOurs(s.proc) ? readPid(s.proc) : undefined,
  })));
}

export async function stackReady(cfg: StackConfig): Promise<boolean> {
  return (await probeStack(cfg)).every((s) => s.ready) && existsSync(cfg.envFile);
}

export async function stackStatus(cfg: StackConfig): Promise<boolean> {
  const states = await probeStack(cfg);
  for (const s of states) {
    process.stderr.write(`# ${s.name.padEnd(8)} ${s.ready ? 'ready  ' : 'DOWN   '} port ${s.port}${s.pid ? ` pid ${s.pid}` : s.ready ? ' (not started by this stack)' : ''}\n`);
  }
  for (const [k, v] of Object.entries(stackEnv(cfg))) process.stdout.write(`export ${k}=${v}\n`);
  return states.every((s) => s.ready);
}
