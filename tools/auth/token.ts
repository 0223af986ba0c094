import { stackConfig } from '../stack/stack-config';
import { mintToken } from '@housef3/testing';

/** `npm run token -- <userId> [--expires-in SECONDS]`: prints a token the local gateway accepts. */
async function main() {
  const args = process.argv.slice(2);
  const userId = args.find((a) => !a.startsWith('--'));
  const i = args.indexOf('--expires-in');
  if (!userId) {
    console.error('usage: npm run token -- <userId> [--expires-in SECONDS]');
    process.exit(2);
  }
  const auth = stackConfig().auth;
  try {
    process.stdout.write(`${await mintToken(auth, userId, { expiresIn: i >= 0 ? Number(args[i + 1]) : 3600 })}\n`);
  } catch (e) {
    console.error(`cannot mint a token: ${(e as Error).message}\nStart the local stack first: npm run stack:up (or npm start).`);
    process.exit(1);
  }
}

void main();
