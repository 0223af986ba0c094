import { ImportJob } from '@housef3/jobs';
import { PackageFileInfo, PackageReader } from '@housef3/package-format';
import { AppLogger } from '@housef3/platform';
import { Lease } from '../lease';

/** An original file of the package as this import restores it: its target id and key in file storage. */
export type RestorableFile = PackageFileInfo & { targetId: string; targetKey: string };

/** What every executor of one run of the saga shares: the lease (and through it the job), the open package, the log. */
export interface RunContext {
  readonly lease: Lease;
  readonly reader: PackageReader;
  readonly log: AppLogger;
  /** the package's files this import restores (computed once per run) */
  restorableFiles(): Promise<RestorableFile[]>;
}

export const jobOf = (ctx: { lease: Lease }): ImportJob => ctx.lease.job;
