import { provision, stackDown, stackStatus, stackUp } from './stack';
import { stackConfig } from './stack-config';

const USAGE = `usage: npm run stack:up | stack:down | stack:status
  up      install (first time, cached in .stack/cache) and start Kafka, DynamoDB Local and the S3 server;
          create topics, tables, buckets and local auth keys. Idempotent.
  down    stop what 'up' started (never anything else).
  provision  only create topics, tables, buckets and auth keys on running servers given by
          STACK_KAFKA_BROKERS, STACK_DYNAMODB_ENDPOINT, STACK_S3_ENDPOINT (used by docker compose).
  status  print each server's state (stderr) and the stack's variables as 'export' lines (stdout):
          eval "$(npm run -s stack:status)"
ports: STACK_KAFKA_PORT (9092) STACK_KAFKA_CONTROLLER_PORT (9093) STACK_DYNAMODB_PORT (8000) STACK_S3_PORT (4566)`;

async function main() {
  const cfg = stackConfig();
  switch (process.argv[2]) {
    case 'up':
      await stackUp(cfg);
      break;
    case 'provision':
      await provision(cfg);
      break;
    case 'down':
      await stackDown(cfg);
      break;
    case 'status':
      process.exitCode = (await stackStatus(cfg)) ? 0 : 1;
      break;
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

main().catch((e) => {
  console.error((e as Error).message);
  process.exit(1);
});
