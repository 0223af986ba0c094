import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { ServiceConfig } from '../config/service.config';

/** S3 client for AWS or a local S3 server (path-style, explicit endpoint). */
export function createS3Client(config: ServiceConfig): S3Client {
  return new S3Client({
    region: config.AWS_REGION,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    maxAttempts: config.AWS_MAX_ATTEMPTS,
    retryMode: 'standard',
    // Checksums only where S3 requires them: identical behaviour on AWS and S3-compatible servers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export function createDynamoClient(config: ServiceConfig): DynamoDBClient {
  return new DynamoDBClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT, maxAttempts: config.AWS_MAX_ATTEMPTS, retryMode: 'standard' });
}

export async function checkBuckets(s3: S3Client, buckets: string[]): Promise<{ buckets: string[] }> {
  for (const Bucket of buckets) await s3.send(new HeadBucketCommand({ Bucket }));
  return { buckets };
}

export async function checkTables(dynamo: DynamoDBClient, tables: string[]): Promise<{ tables: string[] }> {
  for (const TableName of tables) {
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName }));
    if (Table?.TableStatus !== 'ACTIVE') throw new Error(`table ${TableName} is ${Table?.TableStatus}`);
  }
  return { tables };
}
