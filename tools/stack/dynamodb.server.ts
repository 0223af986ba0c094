import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ResourceNotFoundException, UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { ALL_TABLES, TableSpec } from '@housef3/data-model';
import { ManagedProcess, portOpen, startDetached, waitFor } from '../lib/processes';
import { run } from '../lib/run';
import { StackConfig } from './stack-config';

/** DynamoDB Local, from Maven Central (com.amazonaws:DynamoDBLocal), with its sqlite4java native library. */
export function dynamoProcess(cfg: StackConfig): ManagedProcess {
  return { name: 'dynamodb', pidFile: join(cfg.runDir, 'dynamodb.pid'), logFile: join(cfg.logDir, 'dynamodb.log'), marker: 'dynamodbv2.local.main.ServerRunner' };
}

function libDir(cfg: StackConfig) {
  return join(cfg.cacheDir, `dynamodb-local-${cfg.dynamodb.version}`, 'lib');
}

export async function installDynamo(cfg: StackConfig): Promise<void> {
  const lib = libDir(cfg);
  if (existsSync(lib) && readdirSync(lib).some((f) => f.startsWith('DynamoDBLocal-'))) return;
  console.log(`[stack] dynamodb: resolving DynamoDB Local ${cfg.dynamodb.version} from Maven Central (cached in ${lib})`);
  await run('mvn', ['-q', '-B', '-f', join(cfg.root, 'tools/stack/pom.xml'), '-P', 'dynamodb', `-Ddynamodb.local.version=${cfg.dynamodb.version}`,
    'dependency:copy-dependencies', `-DoutputDirectory=${lib}`], { quiet: true });
}

export function startDynamo(cfg: StackConfig): void {
  const lib = libDir(cfg);
  // In memory, like the S3 server: the stack's data lives exactly as long as the stack.
  startDetached(dynamoProcess(cfg), 'java', [
    '-Xms128m', '-Xmx1g', `-Djava.library.path=${lib}`, '-cp', `${lib}/*`,
    'com.amazonaws.services.dynamodbv2.local.main.ServerRunner',
    '-port', String(cfg.dynamodb.port), '-sharedDb', '-inMemory',
  ]);
}

export function dynamoClient(cfg: StackConfig): DynamoDBClient {
  return new DynamoDBClient({
    region: cfg.region, endpoint: dynamoEndpoint(cfg), credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1,
  });
}

export async function dynamoReady(cfg: StackConfig): Promise<boolean> {
  if (!cfg.endpoints.dynamodb && !(await portOpen(cfg.dynamodb.port))) return false;
  const client = dynamoClient(cfg);
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
    return true;
  } finally {
    client.destroy();
  }
}

export async function waitForDynamo(cfg: StackConfig): Promise<void> {
  await waitFor(`DynamoDB Local at ${dynamoEndpoint(cfg)}`, () => dynamoReady(cfg), 60000, dynamoProcess(cfg).logFile);
}

/** The CreateTable request of one catalogue entry: keys, attribute types, GSIs (projection ALL), on-demand. */
export function createTableInput(name: string, spec: TableSpec) {
  const attrs = new Map<string, string>();
  const add = (k?: { name: string; type: string }) => k && attrs.set(k.name, k.type);
  add(spec.hash);
  add(spec.range);
  spec.indexes.forEach((i) => (add(i.hash), add(i.range)));
  const keySchema = (hash: { name: string }, range?: { name: string }) => [
    { AttributeName: hash.name, KeyType: 'HASH' as const }, ...(range ? [{ AttributeName: range.name, KeyType: 'RANGE' as const }] : []),
  ];
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...attrs].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType: AttributeType as 'S' | 'N' })),
    KeySchema: keySchema(spec.hash, spec.range),
    ...(spec.indexes.length
      ? { GlobalSecondaryIndexes: spec.indexes.map((i) => ({ IndexName: i.name, KeySchema: keySchema(i.hash, i.range), Projection: { ProjectionType: 'ALL' as const } })) }
      : {}),
  };
}

/** Creates every table of the catalogue under `prefix` that does not exist yet (idempotent). */
export async function createTables(client: DynamoDBClient, prefix: string): Promise<string[]> {
  const created: string[] = [];
  for (const spec of Object.values(ALL_TABLES) as TableSpec[]) {
    const name = `${prefix}-${spec.suffix}`;
    try {
      await client.send(new DescribeTableCommand({ TableName: name }));
      continue;
    } catch (e) {
      if (!(e instanceof ResourceNotFoundException)) throw e;
    }
    await client.send(new CreateTableCommand(createTableInput(name, spec)));
    if (spec.ttlAttribute) {
      await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: spec.ttlAttribute, Enabled: true } }));
    }
    created.push(name);
  }
  return created;
}

export function dynamoEndpoint(cfg: StackConfig): string {
  return cfg.endpoints.dynamodb ?? `http://127.0.0.1:${cfg.dynamodb.port}`;
}
