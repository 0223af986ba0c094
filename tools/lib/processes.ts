import { spawn, SpawnOptions } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname } from 'node:path';

/**
 * Background processes the project starts itself. Each has a pid file; a process is only ever
 * stopped when its pid file is ours AND its command line still carries our marker, so a reused
 * pid or somebody else's server on the same port is never touched.
 */
export interface ManagedProcess {
  name: string;
  pidFile: string;
  logFile: string;
  /** a string that must appear in /proc/<pid>/cmdline for the process to count as ours */
  marker: string;
}

export function readPid(proc: ManagedProcess): number | undefined {
  if (!existsSync(proc.pidFile)) return undefined;
  const pid = Number(readFileSync(proc.pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function isOurs(proc: ManagedProcess, pid = readPid(proc)): boolean {
  if (!pid) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').includes(proc.marker);
  } catch {
    return false;
  }
}

export function startDetached(proc: ManagedProcess, command: string, args: string[], options: SpawnOptions = {}): number {
  mkdirSync(dirname(proc.pidFile), { recursive: true });
  mkdirSync(dirname(proc.logFile), { recursive: true });
  const log = openSync(proc.logFile, 'a');
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  if (!child.pid) throw new Error(`${proc.name}: could not start ${command}`);
  child.unref();
  writeFileSync(proc.pidFile, `${child.pid}\n`);
  return child.pid;
}

/** SIGTERM the process group, wait, then SIGKILL. Returns false when there was nothing of ours to stop. */
export async function stopProcess(proc: ManagedProcess, graceMs = 15000): Promise<boolean> {
  const pid = readPid(proc);
  if (!pid || !isOurs(proc, pid)) {
    rmSync(proc.pidFile, { force: true });
    return false;
  }
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-pid, s);
    } catch {
      try {
        process.kill(pid, s);
      } catch {
        /* already gone */
      }
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) signal('SIGKILL');
  while (isAlive(pid)) await sleep(100);
  rmSync(proc.pidFile, { force: true });
  return true;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // a zombie still answers signal 0; look at its state
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/\) Z /.test(stat);
  } catch {
    return false;
  }
}

export function portOpen(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Polls `probe` until it resolves truthy; fails with the last error and the log tail. */
export async function waitFor(what: string, probe: () => Promise<unknown>, timeoutMs: number, logFile?: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await probe()) return;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const tail = logFile && existsSync(logFile) ? `\n--- last lines of ${logFile} ---\n${readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n')}` : '';
      throw new Error(`${what} did not become ready within ${timeoutMs / 1000}s${last ? `: ${(last as Error).message}` : ''}${tail}`);
    }
    await sleep(250);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
