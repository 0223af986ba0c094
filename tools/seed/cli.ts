// npm run seed -- --user <id> [--transactions N] [--files N] [--awkward] [--seed S]  (docs/seed.md)
import { SEED_USAGE, parseSeedArgs } from './seed-args';
import { formatSummary } from './format-summary';
import { destroyClients, localStackTarget } from './seed-target';
import { seedUser } from './seed-user';

async function main(): Promise<number> {
  const args = parseSeedArgs(process.argv.slice(2));
  if ('error' in args) {
    console.error(`seed: ${args.error}\n\n${SEED_USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(SEED_USAGE);
    return 0;
  }
  const { clients, names } = localStackTarget();
  let reported = 0;
  try {
    const summary = await seedUser(clients, names, {
      ...args.options,
      onProgress(written, total) {
        if (written - reported < total / 10 && written < total) return;
        reported = written;
        console.error(`seed: ${written.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} transactions written`);
      },
    });
    console.log(formatSummary(summary));
    return 0;
  } finally {
    destroyClients(clients);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
