import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder one validation spills to: `<parent>/housef3-validate-XXXXXX`, created on the first
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
    this.folder ??= mkdtempSync(join(this.parent, 'housef3-validate-'));
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
