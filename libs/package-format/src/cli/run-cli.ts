import { verifyPackage } from '../reader/verify-package';
import { fileSource } from '../source/file-source';
import { parseCliArgs, USAGE, type CliArgs } from './cli-args';
import { formatInspection, formatVerdict, reportJson } from './format-report';

/** Runs one CLI invocation; returns the exit status. Output goes to the given writers. */
export async function runCli(argv: readonly string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.command === 'help' || args.path === undefined) {
    out(USAGE);
    return 0;
  }
  let report;
  try {
    report = await verifyPackage(await fileSource(args.path), { limits: args.limits });
  } catch (error) {
    err(`cannot read ${args.path}: ${(error as Error).message}`);
    return 2;
  }
  if (args.json) out(reportJson(report));
  else out(args.command === 'inspect' ? formatInspection(report) : formatVerdict(report));
  return report.ok ? 0 : 1;
}
