import type { ValidationIssue } from '../entities';
import type { PackageProblem, PackageWarning } from '../errors';
import type { PackageEntity } from '../layout/package-layout';
import type { Manifest } from '../manifest/manifest.types';

/** What verification found for one entity file. */
export interface EntityVerification {
  /** Records the manifest declares (null: not declared, as analytics in format 1.0). */
  readonly declared: number | null;
  /** Records read before the end of the file or the first fatal problem. */
  readonly read: number;
  readonly valid: number;
  /** Records refused by validation (an error issue). */
  readonly invalid: number;
  readonly warnings: number;
}

/** The state of one entry after verification. */
export interface EntryVerification {
  readonly path: string;
  readonly size: number;
  readonly compressedSize: number;
  /** verified: read in full and matched its checksum; failed: see problems; skipped: not read. */
  readonly status: 'verified' | 'failed' | 'skipped';
}

/**
 * The outcome of verifyPackage: sound (`ok`) or the precise reasons it is not. Every problem has
 * a stable code and names its entry; record validation issues are listed (up to a cap) apart.
 */
export interface VerificationReport {
  readonly ok: boolean;
  readonly source: string;
  /** Bytes of the package file. */
  readonly size: number;
  /** The format version the package declares, when its manifest could be read. */
  readonly formatVersion?: string;
  /** What the package was recognized as: `housef3-backup-1.1`, or `housef3-fzip-1.0` for HouseF3's own backups. */
  readonly sourceFormat?: string;
  /** The manifest migrated to the current model, when it could be read. */
  readonly manifest?: Manifest;
  readonly entries: readonly EntryVerification[];
  readonly records: Readonly<Partial<Record<PackageEntity, EntityVerification>>>;
  readonly problems: readonly PackageProblem[];
  readonly warnings: readonly PackageWarning[];
  /** Record validation issues, the first `maxListedIssues`. */
  readonly issues: readonly ValidationIssue[];
  readonly issueCount: number;
}
