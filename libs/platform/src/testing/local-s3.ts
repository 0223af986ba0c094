import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';

/**
 * The running local stack's variables (.stack/stack.env), for this library's integration tests.
 * Read here rather than through @housef3/testing's stackEnv(): platform may not depend on the
 * testing lib (module boundaries).
 */
export function stackEnv(): Record<string, string> {
  const file = resolve(__dirname, '../../../..', process.env.STACK_DIR ?? '.stack', 'stack.env');
  return Object.fromEntries(readFileSync(file, 'utf8').split('\n').flatMap((line) => {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    return m ? [[m[1], m[2]]] : [];
  }));
}

/** A client of the local stack's S3 server, configured as the services configure theirs, and its packages bucket. */
export function localS3(): { s3: S3Client; bucket: string } {
  const env = stackEnv();
  const s3 = new S3Client({
    region: env.AWS_REGION, endpoint: env.S3_ENDPOINT, forcePathStyle: true,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return { s3, bucket: env.PACKAGES_BUCKET };
}
