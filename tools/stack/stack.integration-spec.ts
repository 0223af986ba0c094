import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { Kafka, logLevel } from 'kafkajs';
import { allTopicsWithDeadLetters } from '@housef3/contracts';
import { ALL_TABLES, TableSpec } from '@housef3/data-model';
import { freePort, REPO_ROOT, stackEnv } from '@housef3/testing';
import { GetBucketLifecycleConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import { createTableInput, dynamoClient } from './dynamodb.server';
import { PACKAGES_LIFECYCLE_RULES } from './s3.server';
import { stackConfig } from './stack-config';

const exec = promisify(execFile);
const cli = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  exec(process.execPath, [resolve(REPO_ROOT, 'tools/run-ts.cjs'), 'tools/stack/cli.ts', ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env } });

describe('the local stack', () => {
  it('sets the packages bucket\'s lifecycle rules: unfinished multipart uploads aborted, each prefix expired', async () => {
    const env = stackEnv();
    const s3 = new S3Client({
      region: env.AWS_REGION, endpoint: env.S3_ENDPOINT, forcePathStyle: true, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
    });
    try {
      const { Rules } = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: env.PACKAGES_BUCKET }));
      const byId = new Map((Rules ?? []).map((r) => [r.ID, r]));
      expect(byId.get('abort-incomplete-multipart-uploads')?.AbortIncompleteMultipartUpload?.DaysAfterInitiation).toBe(1);
      for (const rule of PACKAGES_LIFECYCLE_RULES) expect(byId.get(rule.ID)).toMatchObject({ Status: 'Enabled', ...(rule.Expiration && { Expiration: rule.Expiration }) });
    } finally {
      s3.destroy();
    }
  });

  it('creates every table with the exact keys, attribute types, GSIs and TTL of the catalogue', async () => {
    const cfg = stackConfig();
    const client = dynamoClient(cfg);
    try {
      for (const spec of Object.values(ALL_TABLES) as TableSpec[]) {
        const name = `${stackEnv().TABLE_PREFIX}-${spec.suffix}`;
        const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
        const want = createTableInput(name, spec);
        expect(Table?.KeySchema).toEqual(want.KeySchema);
        expect(new Set(Table?.AttributeDefinitions)).toEqual(new Set(want.AttributeDefinitions));
        const gsis = (Table?.GlobalSecondaryIndexes ?? []).map((g) => ({ IndexName: g.IndexName, KeySchema: g.KeySchema })).sort((a, b) => a.IndexName!.localeCompare(b.IndexName!));
        const wantGsis = (want.GlobalSecondaryIndexes ?? []).map((g) => ({ IndexName: g.IndexName, KeySchema: g.KeySchema })).sort((a, b) => a.IndexName.localeCompare(b.IndexName));
        expect(gsis).toEqual(wantGsis);
        if (spec.ttlAttribute) {
          const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
          expect(ttl.TimeToLiveDescription?.AttributeName).toBe(spec.ttlAttribute);
        }
      }
    } finally {
      client.destroy();
    }
  });

  it('creates every topic of the contracts with its dead-letter topic', async () => {
    const admin = new Kafka({ brokers: stackEnv().KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).toEqual(expect.arrayContaining(allTopicsWithDeadLetters()));
    } finally {
      await admin.disconnect();
    }
  });

  describe('a second stack on other ports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'housef3-stack-'));
    let env: NodeJS.ProcessEnv;

    beforeAll(async () => {
      const ports = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
      env = {
        STACK_DIR: dir, STACK_CACHE_DIR: stackConfig().cacheDir,
        STACK_KAFKA_PORT: String(ports[0]), STACK_KAFKA_CONTROLLER_PORT: String(ports[1]), STACK_DYNAMODB_PORT: String(ports[2]), STACK_S3_PORT: String(ports[3]),
      };
    });

    afterAll(async () => {
      await cli(env, 'down').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    });

    it('comes up on the configured ports, idempotently, and goes down without touching the first stack', async () => {
      const first = await cli(env, 'up');
      expect(first.stdout).toMatch(/kafka: started/);
      expect(first.stdout).toMatch(/ready: 16 topics, 15 tables, 2 buckets created/);

      const again = await cli(env, 'up');
      expect(again.stdout).toMatch(/kafka: already running/);
      expect(again.stdout).toMatch(/ready: 0 topics, 0 tables, 0 buckets created/);

      const status = await cli(env, 'status');
      expect(status.stdout).toContain(`export KAFKA_BROKERS=127.0.0.1:${env.STACK_KAFKA_PORT}`);
      expect(status.stdout).toContain(`export DYNAMODB_ENDPOINT=http://127.0.0.1:${env.STACK_DYNAMODB_PORT}`);
      expect(status.stderr).toMatch(/s3\s+ready/);

      const down = await cli(env, 'down');
      expect(down.stdout).toMatch(/kafka: stopped/);
      await expect(cli(env, 'status')).rejects.toMatchObject({ code: 1 });
      // the stack the rest of the suite uses is still up
      await expect(cli({}, 'status')).resolves.toBeDefined();
    }, 240000);
  });
});
