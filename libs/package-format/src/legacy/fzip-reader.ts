import { validateRecord, type EntityName } from '../entities';
import { PackageError, type PackageWarning } from '../errors';
import { REQUIRED_ENTITIES, type PackageEntity } from '../layout/package-layout';
import { PackageReader, type PackageReaderParts, type PackageRecord } from '../reader/package-reader';
import { openFzipRecords } from './fzip-data';
import { fzipRecordMigration } from './fzip-migration';
import { fzipSourceFormat, type FzipManifest } from './fzip-manifest';

export interface FzipReaderParts extends PackageReaderParts {
  readonly fzip: FzipManifest;
  /** What the structure phase found the backup cannot prove (see inspectFzip). */
  readonly legacyNotices: readonly PackageWarning[];
}

/** HouseF3's backups carry none of the format 1.2 entities (its backup skips the user's own state). */
const COUNT_KEY: Partial<Record<PackageEntity, string>> = {
  accounts: 'accountsCount',
  transactions: 'transactionsCount',
  categories: 'categoriesCount',
  file_maps: 'fileMapsCount',
  transaction_files: 'transactionFilesCount',
};

/**
 * A HouseF3 backup (".fzip") behind the PackageReader interface: the same calls yield records
 * already converted to the current model (fzipRecordMigration, then validateRecord like any
 * package), so an import reads it exactly like one of this system's packages.
 *
 * Differences it hides: data files are gzip-compressed JSON arrays (inflated as streams under the
 * package caps), an absent entity file is an empty list, and the manifest's counts are claims,
 * not guarantees: a count that disagrees with the array is a notice (naming both numbers), not
 * an error, because HouseF3 truncated some lists without saying so.
 */
export class FzipPackageReader extends PackageReader {
  private readonly fzip: FzipManifest;
  private readonly legacyNotices: readonly PackageWarning[];
  private readonly counted = new Map<PackageEntity, PackageWarning | null>();

  constructor(parts: FzipReaderParts) {
    super(parts);
    this.fzip = parts.fzip;
    this.legacyNotices = parts.legacyNotices;
  }

  override get sourceFormat(): string {
    return fzipSourceFormat(this.fzip);
  }

  override get notices(): readonly PackageWarning[] {
    return [...this.legacyNotices, ...[...this.counted.values()].filter((notice): notice is PackageWarning => notice !== null)];
  }

  /** Every entity but analytics is always there: HouseF3 omits an empty list's file at times. */
  override hasEntity(entity: EntityName): boolean {
    return REQUIRED_ENTITIES.includes(entity) || this.parts.entries.data.has(entity);
  }

  protected override async *readRecords<E extends EntityName>(entity: E): AsyncGenerator<PackageRecord<E>, void, undefined> {
    const entry = this.parts.entries.data.get(entity);
    const path = entry?.name ?? `data/${entity}.json.gz`;
    let index = 0;
    if (entry !== undefined) {
      const { bytes, records } = await openFzipRecords(this.parts.zipfile, this.parts.packageSource, entry, entity, this.limits);
      const migrate = fzipRecordMigration(this.fzip.backupFormatVersion);
      const { maxRecordsPerEntity } = this.limits;
      for await (const raw of records) {
        if (index >= maxRecordsPerEntity) {
          bytes.destroy();
          throw new PackageError('LIMIT_RECORD_COUNT', `${entry.name} holds more than ${maxRecordsPerEntity} records (maxRecordsPerEntity)`, { entry: entry.name, details: { limit: maxRecordsPerEntity } });
        }
        const { record, issues } = validateRecord(entity, migrate(entity, raw), { ...this.parts.validation, index });
        yield record === undefined ? { index, issues } : { index, record, issues };
        index += 1;
      }
    }
    this.noteCount(entity, path, index);
  }

  private noteCount(entity: PackageEntity, path: string, read: number): void {
    if (entity === 'analytics') return;
    const declared = this.manifest.record_counts[entity];
    if (declared === null || declared === read) {
      this.counted.set(entity, null);
      return;
    }
    const key = COUNT_KEY[entity] ?? entity;
    this.counted.set(entity, {
      code: 'LEGACY_COUNT_MISMATCH',
      entry: path,
      message:
        `${path} holds ${read} ${entity} but manifest.json's dataSummary.${key} says ${declared}: ` +
        (read < declared
          ? `HouseF3 did not page through long lists when it wrote this backup, so ${declared - read} are missing from it; the ${read} it holds are restored`
          : `the backup holds more than its summary says; all ${read} are restored`),
    });
  }
}
