import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, HeadBucketCommand, LifecycleRule, ListBucketsCommand, PutBucketCorsCommand, PutBucketLifecycleConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import { ManagedProcess, portOpen, startDetached, waitFor } from '../lib/processes';
import { run } from '../lib/run';
import { StackConfig } from './stack-config';

/** An S3-compatible server: moto's server, from PyPI, in a project-local virtualenv. */
export function s3Process(cfg: StackConfig): ManagedProcess {
  return { name: 's3', pidFile: join(cfg.runDir, 's3.pid'), logFile: join(cfg.logDir, 's3.log'), marker: 'moto_server' };
}

function venv(cfg: StackConfig) {
  return join(cfg.cacheDir, `moto-${cfg.s3.moto}-venv`);
}

export async function installS3(cfg: StackConfig): Promise<void> {
  const dir = venv(cfg);
  if (existsSync(join(dir, 'bin', 'moto_server'))) return;
  console.log(`[stack] s3: installing moto ${cfg.s3.moto} server from PyPI into ${dir}`);
  await run('python3', ['-m', 'venv', dir], { quiet: true });
  await run(join(dir, 'bin', 'pip'), ['install', '--disable-pip-version-check', '-q', '-c', join(cfg.root, 'tools/stack/s3-server.constraints.txt'), `moto[server]==${cfg.s3.moto}`], { quiet: true });
}

export function startS3(cfg: StackConfig): void {
  startDetached(s3Process(cfg), join(venv(cfg), 'bin', 'moto_server'), ['-H', '127.0.0.1', '-p', String(cfg.s3.port)], {
    env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'true' },
  });
}

export function s3Client(cfg: StackConfig): S3Client {
  return new S3Client({
    region: cfg.region, endpoint: s3Endpoint(cfg), forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1,
  });
}

export async function s3Ready(cfg: StackConfig): Promise<boolean> {
  if (!cfg.endpoints.s3 && !(await portOpen(cfg.s3.port))) return false;
  const client = s3Client(cfg);
  try {
    await client.send(new ListBucketsCommand({}));
    return true;
  } finally {
    client.destroy();
  }
}

export async function waitForS3(cfg: StackConfig): Promise<void> {
  await waitFor(`S3 server at ${s3Endpoint(cfg)}`, () => s3Ready(cfg), 60000, s3Process(cfg).logFile);
}

export async function createBuckets(client: S3Client, buckets: string[]): Promise<string[]> {
  const created: string[] = [];
  for (const Bucket of buckets) {
    try {
      await client.send(new HeadBucketCommand({ Bucket }));
    } catch {
      await client.send(new CreateBucketCommand({ Bucket }));
      created.push(Bucket);
    }
  }
  return created;
}

/**
 * Lets a browser on `origins` PUT a package (whole or in parts) to a presigned URL and GET a
 * package through a signed link: the methods, the headers the upload URLs sign, and ETag exposed
 * (a multipart client reads it). Idempotent (replaces the bucket's rules). Production sets the same
 * rules on the packages bucket with the web app's origin (docs/operations.md).
 */
export async function setBucketCors(client: S3Client, bucket: string, origins: string[]): Promise<void> {
  await client.send(new PutBucketCorsCommand({
    Bucket: bucket,
    CORSConfiguration: {
      CORSRules: [{
        AllowedOrigins: origins,
        AllowedMethods: ['GET', 'PUT', 'HEAD'],
        AllowedHeaders: ['content-type', 'content-length', 'x-amz-server-side-encryption'],
        ExposeHeaders: ['ETag', 'Content-Length', 'Content-Disposition'],
        MaxAgeSeconds: 3000,
      }],
    },
  }));
}

/**
 * The packages bucket's lifecycle rules (docs/operations.md, "Retention"): the backstop behind
 * the services' own deletions. Production must carry the same rules.
 */
export const PACKAGES_LIFECYCLE_RULES: LifecycleRule[] = [
  { ID: 'abort-incomplete-multipart-uploads', Status: 'Enabled', Filter: { Prefix: '' }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
  { ID: 'expire-imports', Status: 'Enabled', Filter: { Prefix: 'imports/' }, Expiration: { Days: 7 } },
  { ID: 'expire-staging', Status: 'Enabled', Filter: { Prefix: 'staging/' }, Expiration: { Days: 7 } },
  { ID: 'expire-exports', Status: 'Enabled', Filter: { Prefix: 'exports/' }, Expiration: { Days: 30 } },
];

/** Sets the packages bucket's lifecycle rules (idempotent: the whole configuration is replaced). */
export async function applyLifecycleRules(client: S3Client, packagesBucket: string): Promise<void> {
  await client.send(new PutBucketLifecycleConfigurationCommand({ Bucket: packagesBucket, LifecycleConfiguration: { Rules: PACKAGES_LIFECYCLE_RULES } }));
}

export function s3Endpoint(cfg: StackConfig): string {
  return cfg.endpoints.s3 ?? `http://127.0.0.1:${cfg.s3.port}`;
}
