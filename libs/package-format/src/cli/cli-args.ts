import { DEFAULT_PACKAGE_LIMITS, type PackageLimits } from '../limits';

export interface CliArgs {
  readonly command: 'inspect' | 'verify' | 'help';
  readonly path?: string;
  readonly json: boolean;
  readonly limits: Partial<PackageLimits>;
}

export const USAGE = `usage: npm run package -- <command> <package.zip> [options]

commands:
  inspect <zip>   manifest, record counts, entries and sizes, and the verification result
  verify <zip>    exit 0 when the package is sound; otherwise exit 1 and print every reason

options:
  --json                   machine-readable report on stdout
  --limit <name>=<value>   override a cap, e.g. --limit maxEntryBytes=17179869184
                           (${Object.keys(DEFAULT_PACKAGE_LIMITS).join(', ')})

exit status: 0 sound, 1 refused, 2 usage error or unreadable file`;

/** Parses argv (after the script); throws an Error with a message for the user on bad usage. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const positional: string[] = [];
  const limits: Record<string, number> = {};
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') return { command: 'help', json, limits };
    else if (arg === '--limit') {
      const spec = argv[++i];
      const match = spec === undefined ? null : /^(\w+)=(\d+)$/.exec(spec);
      if (match === null || !((match[1] as string) in DEFAULT_PACKAGE_LIMITS)) throw new Error(`--limit expects <name>=<integer> with a known cap name, got ${JSON.stringify(spec ?? '')}`);
      limits[match[1] as string] = Number(match[2]);
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else positional.push(arg);
  }
  const [command, path, ...rest] = positional;
  if (command === undefined) return { command: 'help', json, limits };
  if (command !== 'inspect' && command !== 'verify') throw new Error(`unknown command ${JSON.stringify(command)}`);
  if (path === undefined) throw new Error(`${command} needs the path of a package`);
  if (rest.length > 0) throw new Error(`unexpected arguments: ${rest.join(' ')}`);
  return { command, path, json, limits };
}
