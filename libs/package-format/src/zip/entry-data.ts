import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import type * as yauzl from 'yauzl';
import { PackageError, messageOf } from '../errors';
import type { PackageSource } from '../source/package-source';
import { PackageSourceError } from '../source/package-source-error';
import { boundsOf } from './central-directory';
import type { CheckedEntry } from './entry-checks';
import { EntryGuard } from './entry-guard';
import { FLAG_DATA_DESCRIPTOR, METHOD_DEFLATE, UINT32_MAX } from './zip-constants';

/**
 * Opens an entry's content as a stream, after checking that its local header agrees with the
 * central directory (name, method, and CRC and sizes when the header carries them) and that its
 * data stays inside the entry's bounds. The stream is guarded (see EntryGuard): it fails rather
 * than deliver more bytes than declared or bytes that do not match the CRC or `sha256`.
 *
 * yauzl reads the headers; the data is read straight from the source into zlib, with no
 * intermediate pass-through stages: compressed bytes that wait in queues while a slow consumer
 * parses records outlive V8's young generation and then pile up as external memory until a full
 * GC, so fewer queues mean a lower, flatter RSS.
 */
export async function openEntryData(zipfile: yauzl.ZipFile, source: PackageSource, entry: CheckedEntry, sha256?: string): Promise<Readable> {
  const name = entry.name;
  let header: yauzl.LocalFileHeader;
  try {
    header = await zipfile.readLocalFileHeaderPromise(entry.raw);
  } catch (error) {
    throw mapOpenError(name, error);
  }
  const disagreement = localHeaderDisagreement(entry, header);
  if (disagreement !== undefined) {
    throw new PackageError(
      'ENTRY_LOCAL_HEADER_MISMATCH',
      `entry ${JSON.stringify(name)}: its local header disagrees with the central directory (${disagreement}); different tools would read different content, so the package is refused`,
      { entry: name },
    );
  }
  const bounds = boundsOf(zipfile);
  if (bounds !== undefined && header.extraFieldLength > bounds.limits.maxExtraFieldBytes) {
    throw new PackageError('LIMIT_EXTRA_FIELD_SIZE', `entry ${JSON.stringify(name)}: its local header has an extra field of ${header.extraFieldLength} bytes, more than the limit of ${bounds.limits.maxExtraFieldBytes} (maxExtraFieldBytes)`, {
      entry: name,
      details: { declared: header.extraFieldLength, limit: bounds.limits.maxExtraFieldBytes },
    });
  }
  if (header.fileDataStart + entry.compressedSize > entry.dataLimit) {
    throw new PackageError('ENTRY_OVERLAP', `entry ${JSON.stringify(name)}: its data runs into the next entry; entries must not share bytes`, { entry: name });
  }
  const guard = new EntryGuard({
    entry: name,
    size: entry.uncompressedSize,
    crc32: entry.crc32,
    ...(sha256 !== undefined ? { sha256 } : {}),
    ...(bounds !== undefined ? { budget: bounds.expansion } : {}),
  });
  const compressed = sourceRange(source, header.fileDataStart, header.fileDataStart + entry.compressedSize);
  const inflate = entry.method === METHOD_DEFLATE ? createInflateRaw() : undefined;
  compressed.on('error', (error: Error) => guard.destroy(error instanceof PackageSourceError ? error : new PackageSourceError(source.describe(), error)));
  inflate?.on('error', (error: Error) => guard.destroy(corrupt(name, error)));
  guard.on('close', () => {
    compressed.destroy();
    inflate?.destroy();
  });
  if (inflate === undefined) compressed.pipe(guard);
  else compressed.pipe(inflate).pipe(guard);
  return guard;
}

function localHeaderDisagreement(entry: CheckedEntry, header: yauzl.LocalFileHeader): string | undefined {
  if (!header.fileName.equals(entry.nameBytes)) return `it names the entry ${JSON.stringify(header.fileName.toString('utf8').slice(0, 200))}`;
  if (header.compressionMethod !== entry.method) return `compression method ${header.compressionMethod} instead of ${entry.method}`;
  if ((header.generalPurposeBitFlag & 0x41) !== (entry.flags & 0x41)) return 'the encryption flags differ';
  if ((header.generalPurposeBitFlag & FLAG_DATA_DESCRIPTOR) === 0) {
    if (header.crc32 >>> 0 !== entry.crc32 >>> 0) return 'the CRC-32 differs';
    if (header.compressedSize !== UINT32_MAX && header.compressedSize !== entry.compressedSize) return `compressed size ${header.compressedSize} instead of ${entry.compressedSize}`;
    if (header.uncompressedSize !== UINT32_MAX && header.uncompressedSize !== entry.uncompressedSize) return `size ${header.uncompressedSize} instead of ${entry.uncompressedSize}`;
  }
  return undefined;
}

function mapOpenError(name: string, error: unknown): Error {
  if (error instanceof PackageSourceError) return error;
  const message = messageOf(error);
  if (/invalid local file header signature/.test(message)) {
    return new PackageError('ENTRY_LOCAL_HEADER_MISMATCH', `entry ${JSON.stringify(name)}: the central directory points at no local header (${message}); the package is damaged or forged`, { entry: name, cause: error });
  }
  if (/overflows file bounds|unexpected EOF/.test(message)) {
    return new PackageError('ZIP_TRUNCATED', `entry ${JSON.stringify(name)}: its data runs past the end of the file; the file is truncated`, { entry: name, cause: error });
  }
  return corrupt(name, error);
}

function corrupt(name: string, error: unknown): PackageError {
  const message = messageOf(error);
  return new PackageError('ENTRY_CORRUPT', `entry ${JSON.stringify(name)} cannot be unpacked (${message}); the package is damaged`, { entry: name, cause: error });
}

function sourceRange(source: PackageSource, start: number, endExclusive: number): Readable {
  if (endExclusive <= start) return Readable.from([]);
  try {
    const stream = source.createReadStream(start, endExclusive);
    return stream instanceof Readable ? stream : new Readable().wrap(stream);
  } catch (error) {
    const failed = new Readable({ read: () => undefined });
    process.nextTick(() => failed.destroy(new PackageSourceError(source.describe(), error)));
    return failed;
  }
}
