import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { TableNames, tableNames } from '@housef3/data-model';
import { stackEnv } from '@housef3/testing';

/** The AWS clients seeding writes through. */
export interface SeedClients {
  dynamo: DynamoDBClient;
  s3: S3Client;
}

/** Where HouseF3's records and files live. */
export interface SeedNames {
  tables: TableNames;
  fileStorageBucket: string;
}

/** Clients and names of the running local stack (.stack/stack.env); destroy the clients when done. */
export function localStackTarget(env: Record<string, string> = stackEnv()): { clients: SeedClients; names: SeedNames } {
  const common = { region: env.AWS_REGION, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY } };
  return {
    clients: {
      dynamo: new DynamoDBClient({ ...common, endpoint: env.DYNAMODB_ENDPOINT }),
      s3: new S3Client({
        ...common,
        endpoint: env.S3_ENDPOINT,
        forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
        // As libs/platform's factory: checksums only where S3 requires them (S3-compatible servers).
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    },
    names: { tables: tableNames(env.TABLE_PREFIX), fileStorageBucket: env.FILE_STORAGE_BUCKET },
  };
}

/** Releases the clients' sockets. */
export function destroyClients(clients: SeedClients): void {
  clients.dynamo.destroy();
  clients.s3.destroy();
}
