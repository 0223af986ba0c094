import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { allTopicsWithDeadLetters } from '@housef3/contracts';
import { isOurs, ManagedProcess, portOpen, startDetached, stopProcess, waitFor } from '../lib/processes';
import { run } from '../lib/run';
import { StackConfig } from './stack-config';

/** Apache Kafka 3.9.x, single node, KRaft mode, from Maven Central's jars, on the machine's Java 17. */
export function kafkaProcess(cfg: StackConfig): ManagedProcess {
  return { name: 'kafka', pidFile: join(cfg.runDir, 'kafka.pid'), logFile: join(cfg.logDir, 'kafka.log'), marker: 'kafka.Kafka' };
}

function libDir(cfg: StackConfig) {
  return join(cfg.cacheDir, `kafka-${cfg.kafka.version}`, 'lib');
}

export async function installKafka(cfg: StackConfig): Promise<void> {
  const lib = libDir(cfg);
  if (existsSync(lib) && readdirSync(lib).some((f) => f.startsWith('kafka_2.13-'))) return;
  console.log(`[stack] kafka: resolving Apache Kafka ${cfg.kafka.version} from Maven Central (cached in ${lib})`);
  await run('mvn', ['-q', '-B', '-f', join(cfg.root, 'tools/stack/pom.xml'), '-P', 'kafka', `-Dkafka.version=${cfg.kafka.version}`,
    'dependency:copy-dependencies', `-DoutputDirectory=${lib}`], { quiet: true });
}

function writeConfig(cfg: StackConfig): { properties: string; log4j: string; dataDir: string } {
  const base = join(cfg.dataDir, 'kafka');
  const dataDir = join(base, 'log');
  mkdirSync(base, { recursive: true });
  const properties = join(base, 'server.properties');
  const { port, controllerPort, partitions } = cfg.kafka;
  writeFileSync(properties, [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${dataDir}`,
    `num.partitions=${partitions}`,
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    'log.retention.hours=168',
    '',
  ].join('\n'));
  const log4j = join(base, 'log4j.properties');
  writeFileSync(log4j, [
    'log4j.rootLogger=WARN, stdout',
    'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
    'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
    'log4j.logger.kafka.server.KafkaRaftServer=INFO',
    '',
  ].join('\n'));
  return { properties, log4j, dataDir };
}

export async function startKafka(cfg: StackConfig): Promise<void> {
  const proc = kafkaProcess(cfg);
  const cp = `${libDir(cfg)}/*`;
  const { properties, log4j, dataDir } = writeConfig(cfg);
  const java = ['-Xms256m', '-Xmx768m', '-XX:+UseG1GC', `-Dlog4j.configuration=file:${log4j}`, '-cp', cp];
  if (!existsSync(join(dataDir, 'meta.properties'))) {
    await run('java', [...java, 'kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', properties], { quiet: true });
  }
  startDetached(proc, 'java', [...java, 'kafka.Kafka', properties]);
}

/**
 * KRaft cluster ids are 22-character url-safe base64 of 16 bytes. Never one that starts with "-":
 * kafka-storage's argument parser reads it as an option and fails (1 start in 64); Kafka's own
 * Uuid.randomUuid() draws again for the same reason.
 */
export function clusterId(): string {
  for (;;) {
    const id = Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export function kafkaBrokers(cfg: StackConfig): string[] {
  return (cfg.endpoints.kafkaBrokers ?? `127.0.0.1:${cfg.kafka.port}`).split(',');
}

function admin(cfg: StackConfig) {
  return new Kafka({ clientId: 'stack', brokers: kafkaBrokers(cfg), logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
}

export async function kafkaReady(cfg: StackConfig): Promise<boolean> {
  if (!cfg.endpoints.kafkaBrokers && !(await portOpen(cfg.kafka.port))) return false;
  const a = admin(cfg);
  try {
    await a.connect();
    const { brokers, controller } = await a.describeCluster();
    return brokers.length > 0 && controller !== null;
  } finally {
    await a.disconnect().catch(() => undefined);
  }
}

export async function waitForKafka(cfg: StackConfig): Promise<void> {
  await waitFor(`Kafka at ${kafkaBrokers(cfg).join(',')}`, () => kafkaReady(cfg), 90000, kafkaProcess(cfg).logFile);
}

/** Creates every topic of libs/contracts (and its dead-letter twin) that does not exist yet. */
export async function createTopics(cfg: StackConfig): Promise<string[]> {
  const a = new Kafka({ clientId: 'stack', brokers: kafkaBrokers(cfg), logLevel: logLevel.NOTHING }).admin();
  await a.connect();
  try {
    const existing = new Set(await a.listTopics());
    const missing = allTopicsWithDeadLetters().filter((t) => !existing.has(t));
    if (missing.length) {
      await a.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: cfg.kafka.partitions, replicationFactor: 1 })) });
    }
    return missing;
  } finally {
    await a.disconnect();
  }
}

/**
 * Stops the stack's broker (SIGTERM, as an operator or a rolling restart would) and starts it
 * again on the same ports with the same data, then waits until it answers. For tests that
 * prove the services ride out a broker restart. Refuses when the broker is not ours.
 */
export async function restartKafka(cfg: StackConfig, options: { whileDown?: () => Promise<void> } = {}): Promise<{ downMs: number }> {
  const proc = kafkaProcess(cfg);
  if (!isOurs(proc)) throw new Error(`no broker of this stack is running (pid file ${proc.pidFile}); start it with \`npm run stack:up\``);
  const stoppedAt = Date.now();
  await stopProcess(proc);
  await options.whileDown?.();
  await startKafka(cfg);
  await waitForKafka(cfg);
  return { downMs: Date.now() - stoppedAt };
}
