import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { PackageSource } from './package-source';

/**
 * A package in a local file (the CLI, tests). The file is opened per range read and closed after.
 * Reads in 8 KiB chunks: see PackageSource on why small chunks keep RSS flat.
 */
export async function fileSource(path: string): Promise<PackageSource> {
  const info = await stat(path);
  if (!info.isFile()) throw new Error(`${path} is not a regular file`);
  return {
    size: info.size,
    createReadStream: (start, endExclusive) => createReadStream(path, { start, end: endExclusive - 1, highWaterMark: 8 * 1024 }),
    describe: () => path,
  };
}
