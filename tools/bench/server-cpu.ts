import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stackDir } from '@housef3/testing';

/**
 * CPU seconds (user + system) a server of the local stack has used so far, read from its
 * /proc/<pid>/stat; undefined when its pid file or process is not there (a stack started
 * elsewhere, or another OS).
 */
export function serverCpu(name: 'dynamodb' | 's3'): number | undefined {
  const pidFile = join(stackDir(), 'run', `${name}.pid`);
  if (!existsSync(pidFile)) return undefined;
  try {
    return cpuSecondsOf(readFileSync(`/proc/${readFileSync(pidFile, 'utf8').trim()}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** utime + stime of a /proc/<pid>/stat line, in seconds (clock ticks; USER_HZ is 100 on Linux). */
export function cpuSecondsOf(stat: string): number {
  // the command name (field 2) may hold spaces and parentheses: count fields from its last ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  if (!Number.isFinite(ticks)) throw new Error(`not a /proc/<pid>/stat line: ${stat.slice(0, 80)}`);
  return ticks / 100;
}
