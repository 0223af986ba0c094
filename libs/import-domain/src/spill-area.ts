import { closeSync, mkdtempSync, openSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'housef3-validate-';

/**
 * The folder one validation spills to: `<parent>/housef3-validate-<pid>-XXXXXX`, created on the first
 * spill only (a package whose IDs fit in memory never touches the disk), removed with everything
 * in it by `dispose` (PackageScan calls it in a finally: after success and failure alike). Files
 * are opened here so that `dispose` can close any descriptor still open.
 */
export class SpillArea {
  private folder: string | undefined;
  private files = 0;
  private readonly open = new Set<number>();
  private disposed = false;

  constructor(private readonly parent: string = tmpdir()) {}

  /** The folder, when something was spilled. */
  get path(): string | undefined {
    return this.folder;
  }

  /** A new file of the area (opened for writing and reading); returns its path and descriptor. */
  createFile(prefix: string): { path: string; fd: number } {
    if (this.disposed) throw new Error('SpillArea: already disposed');
    this.folder ??= mkdtempSync(join(this.parent, `${PREFIX}${process.pid}-`));
    const path = join(this.folder, `${prefix}-${(this.files += 1)}.run`);
    const fd = openSync(path, 'wx+', 0o600);
    this.open.add(fd);
    return { path, fd };
  }

  /** Closes a file of the area and deletes it. */
  removeFile(path: string, fd: number): void {
    this.closeFile(fd);
    rmSync(path, { force: true });
  }

  closeFile(fd: number): void {
    if (!this.open.delete(fd)) return;
    closeSync(fd);
  }

  /** Closes every file and removes the folder. Safe to call more than once. */
  dispose(): void {
    this.disposed = true;
    for (const fd of this.open) {
      try {
        closeSync(fd);
      } catch {
        // already gone: nothing to release
      }
    }
    this.open.clear();
    if (this.folder !== undefined) rmSync(this.folder, { recursive: true, force: true });
    this.folder = undefined;
  }
}

/**
 * Removes the spill folders that a killed process left behind (a SIGKILL or an out-of-memory kill
 * runs no `dispose`): those whose process is gone, and those named with this very process's pid
 * (a previous process with the same pid, e.g. a restarted container keeping its /tmp), so it must
 * run before this process validates anything. Folders of live processes (other replicas sharing
 * the host's temporary folder) are left alone. Returns the folders removed.
 */
export function sweepOrphanSpillAreas(parent: string = tmpdir(), alive: (pid: number) => boolean = processAlive): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = /^housef3-validate-(\d+)-[A-Za-z0-9]{6}$/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid !== process.pid && alive(pid)) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, owned by someone else
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
