import type { Readable } from 'node:stream';
import type { EntityName, EntityName1_2, EntityRecordOf } from '../entities';
import { PACKAGE_ENTITIES } from '../layout/package-layout';
import { PackageWriter, type DeflatedEntityData, type PackageFileRef, type PackageWriterOptions, type WrittenPackage } from './package-writer';

/** An original file to include: its identity and a way to open its bytes when its turn comes. */
export interface PackageFileInput extends PackageFileRef {
  /** Opened lazily, one file at a time (an S3 GetObject body, a file stream, ...). */
  open(): AsyncIterable<Uint8Array> | Iterable<Uint8Array> | Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>>;
  /** When known (S3 ContentLength), a stream delivering another size fails the package. */
  readonly size?: number;
}

/** Entities a package may leave out. */
type OptionalEntity = 'analytics' | EntityName1_2;

/** Records one at a time, or (not for transaction_files) the entity file encoded and compressed ahead of time. */
type RecordSource<E extends EntityName> = AsyncIterable<EntityRecordOf<E>> | Iterable<EntityRecordOf<E>> | (E extends 'transaction_files' ? never : DeflatedEntityData);

/** Everything a package holds. analytics is optional (absent: analytics_included false), and so are the 1.2 entities. */
export interface PackageInput extends PackageWriterOptions {
  readonly records: { readonly [E in Exclude<EntityName, OptionalEntity>]: RecordSource<E> } & { readonly [E in OptionalEntity]?: RecordSource<E> };
  readonly files?: AsyncIterable<PackageFileInput> | Iterable<PackageFileInput>;
  readonly missingFiles?: Iterable<PackageFileRef & { readonly reason: string }>;
}

/** A package being written: pipe `stream`; `done` settles when it is complete or failed. */
export interface PackageWriteHandle {
  readonly stream: Readable;
  readonly done: Promise<WrittenPackage>;
}

/**
 * Writes a whole package in the layout's order (entity files in PACKAGE_ENTITIES order, then the
 * original files in the order given, then the manifest). Start consuming `stream` right away:
 * writing waits for the consumer. On failure `stream` is destroyed with the error and `done`
 * rejects with it.
 */
export function writePackage(input: PackageInput): PackageWriteHandle {
  const writer = new PackageWriter(input);
  const done = (async () => {
    for (const entity of PACKAGE_ENTITIES) {
      const source = input.records[entity];
      if (source === undefined) continue;
      if (isDeflated(source)) await writer.writeDeflatedRecords(entity, source);
      else await writer.writeRecords(entity, source as AsyncIterable<EntityRecordOf<typeof entity>> | Iterable<EntityRecordOf<typeof entity>>);
    }
    for (const missing of input.missingFiles ?? []) writer.declareMissingFile(missing, missing.reason);
    for await (const file of input.files ?? []) {
      await writer.writeFile(file, await file.open(), file.size);
    }
    return writer.finish();
  })();
  done.catch((error: unknown) => writer.abort(error instanceof Error ? error : new Error(String(error))));
  return { stream: writer.output, done };
}

function isDeflated(source: unknown): source is DeflatedEntityData {
  return typeof source === 'object' && source !== null && typeof (source as DeflatedEntityData).open === 'function' && typeof (source as DeflatedEntityData).crc32 === 'number';
}
