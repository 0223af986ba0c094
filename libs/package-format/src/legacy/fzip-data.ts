import type { Readable } from 'node:stream';
import type * as yauzl from 'yauzl';
import { readEntityRecords } from '../json/entity-records';
import type { JsonObject } from '../json/json-value';
import type { PackageLimits } from '../limits';
import type { PackageSource } from '../source/package-source';
import { openEntryData } from '../zip/entry-data';
import type { CheckedEntry } from '../zip/entry-checks';
import { gunzipEntry } from './gzip-entry';

/**
 * The raw records of one HouseF3 data file (a JSON array, gzip-compressed when named .json.gz),
 * streamed: the ZIP entry CRC-checked, the gzip inflated under the caps, the array framed like
 * an entity file of ours. `bytes` is the stream to destroy when stopping early.
 */
export async function openFzipRecords(zipfile: yauzl.ZipFile, source: PackageSource, entry: CheckedEntry, entity: string, limits: PackageLimits): Promise<{ bytes: Readable; records: AsyncGenerator<JsonObject, void, undefined> }> {
  const stored = await openEntryData(zipfile, source, entry);
  const bytes = entry.name.endsWith('.gz') ? gunzipEntry(stored, entry.name, entry.uncompressedSize, limits) : stored;
  return { bytes, records: readEntityRecords(asEntityFile(entity, bytes), entry.name, entity, limits) };
}

/** HouseF3's data files are bare JSON arrays; the record reader frames `{"<entity>": [...]}`. */
async function* asEntityFile(entity: string, bytes: Readable): AsyncGenerator<Uint8Array, void, undefined> {
  yield Buffer.from(`{"${entity}":`, 'utf8');
  for await (const chunk of bytes) yield chunk as Uint8Array;
  yield Buffer.from('}', 'utf8');
}
