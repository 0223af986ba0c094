import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { crc32 } from 'node:zlib';
import { PackageError } from '../errors';
import type { ExpansionBudget } from './expansion-budget';

export interface EntryGuardExpectations {
  readonly entry: string;
  /** Uncompressed bytes the central directory declares (already checked against the caps). */
  readonly size: number;
  readonly crc32: number;
  /** sha256 hex the manifest declares, when it declares one. */
  readonly sha256?: string;
  /** The package-wide count of inflated bytes this entry's bytes add to. */
  readonly budget?: ExpansionBudget;
}

/**
 * Sits on an entry's inflated bytes: stops the stream the moment it delivers more than its
 * declared size (so a lying header cannot inflate past the caps), and at the end checks the size,
 * the CRC-32 of the ZIP and the manifest's sha256. Its bytes count towards the package's
 * expansion budget, which fails the read once the package as a whole has inflated too much. Each failure is a PackageError naming the entry.
 */
export class EntryGuard extends Transform {
  private readonly hash: Hash | undefined;
  private bytes = 0;
  private crc = 0;

  constructor(private readonly expected: EntryGuardExpectations) {
    super();
    this.hash = expected.sha256 === undefined ? undefined : createHash('sha256');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.expected.size) {
      callback(
        new PackageError(
          'ENTRY_SIZE_MISMATCH',
          `entry ${JSON.stringify(this.expected.entry)} unpacks to more than the ${this.expected.size} bytes its header declares; reading was stopped (a lying header is a zip bomb technique)`,
          { entry: this.expected.entry, details: { declared: this.expected.size, atLeast: this.bytes } },
        ),
      );
      return;
    }
    try {
      this.expected.budget?.advance(this.expected.entry, this.bytes);
    } catch (error) {
      callback(error as Error);
      return;
    }
    this.crc = crc32(chunk, this.crc);
    this.hash?.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const entry = this.expected.entry;
    if (this.bytes !== this.expected.size) {
      callback(
        new PackageError('ENTRY_SIZE_MISMATCH', `entry ${JSON.stringify(entry)} unpacks to ${this.bytes} bytes but its header declares ${this.expected.size}; the entry is damaged`, {
          entry,
          details: { declared: this.expected.size, actual: this.bytes },
        }),
      );
      return;
    }
    if (this.crc >>> 0 !== this.expected.crc32 >>> 0) {
      callback(
        new PackageError('ENTRY_CRC_MISMATCH', `entry ${JSON.stringify(entry)} fails its ZIP CRC-32 check (expected ${hex8(this.expected.crc32)}, got ${hex8(this.crc)}); the package is damaged`, {
          entry,
        }),
      );
      return;
    }
    if (this.hash !== undefined) {
      const actual = this.hash.digest('hex');
      if (actual !== this.expected.sha256) {
        callback(
          new PackageError(
            'CHECKSUM_MISMATCH',
            `entry ${JSON.stringify(entry)} does not match its checksum in manifest.json (expected sha256:${this.expected.sha256}, got sha256:${actual}); the package was altered or damaged after it was written`,
            { entry, details: { expected: `sha256:${this.expected.sha256 ?? ''}`, actual: `sha256:${actual}` } },
          ),
        );
        return;
      }
    }
    callback();
  }
}

function hex8(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}
