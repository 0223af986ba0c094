import { parseArgs } from 'node:util';
import type { SeedWriteOptions } from './seed-user';

export const SEED_USAGE = `usage: npm run seed -- --user <id> [--transactions N] [--files N] [--awkward] [--seed S] [--concurrency N]

Writes a realistic HouseF3 user into the running local stack (npm run stack:up).
  --user <id>         owner of every record (a Cognito sub)                 required
  --transactions N    transactions, spread over the statement files         default 500
  --files N           CSV/OFX statement files, spread over the accounts      default 6
  --awkward           add the hard cases: 20 MiB and zero-byte files, unicode names,
                      a hash above 2^63, zero and trailing-zero amounts, ... (docs/seed.md)
  --seed S            seed of the content                                   default: the user id
  --concurrency N     BatchWriteItem calls in flight                        default 8`;

/** Parsed command line, or a message saying what is wrong (with the usage). */
export type SeedArgs = { help: true } | { help: false; options: SeedWriteOptions } | { error: string };

/** Parses `npm run seed` arguments; never throws. */
export function parseSeedArgs(argv: readonly string[]): SeedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        user: { type: 'string' },
        transactions: { type: 'string' },
        files: { type: 'string' },
        awkward: { type: 'boolean', default: false },
        seed: { type: 'string' },
        concurrency: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values.help) return { help: true };
  const problems: string[] = [];
  const count = (name: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    if (/^\d+$/.test(text)) return Number(text);
    problems.push(`--${name} must be a whole number, got ${JSON.stringify(text)}`);
    return undefined;
  };
  if (values.user === undefined) problems.push('--user is required');
  const options: SeedWriteOptions = {
    userId: values.user ?? '',
    transactions: count('transactions', values.transactions),
    files: count('files', values.files),
    awkward: values.awkward,
    seed: values.seed,
    concurrency: count('concurrency', values.concurrency),
  };
  return problems.length > 0 ? { error: problems.join('; ') } : { help: false, options };
}
