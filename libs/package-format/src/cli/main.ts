/**
 * The package CLI for users and SREs:
 *   npm run package -- inspect <zip>   manifest, counts, sizes, verification result
 *   npm run package -- verify <zip>    exit 0 if sound, 1 with the reasons otherwise
 * Nothing is extracted: the package is read in place through its central directory.
 */
import { runCli } from './run-cli';

runCli(
  process.argv.slice(2),
  (text) => process.stdout.write(`${text}\n`),
  (text) => process.stderr.write(`${text}\n`),
).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
