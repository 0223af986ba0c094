import { crc32, deflateRawSync, gunzipSync, gzipSync } from 'node:zlib';
import * as yauzl from 'yauzl';
import { encodeCentralDirectoryHeader, encodeEndOfCentralDirectory, encodeLocalFileHeader } from '../zip/zip-records';

/** A damaged or altered copy of a HouseF3 backup (.fzip), for tests of what a restore refuses or reports. */
export type FzipVariant =
  /** data/transactions.json.gz with damaged deflate bytes inside an intact ZIP entry. */
  | 'corrupt-gzip'
  /** data/transactions.json.gz replaced by a few KB of gzip that inflate to 4 MiB (a gzip bomb). */
  | 'gzip-bomb'
  /** manifest.json's dataSummary.accountsCount one more than the accounts the backup holds (HouseF3's truncated lists). */
  | 'count-mismatch'
  /** data/accounts.json.gz entry marked LZMA (method 14), as HouseF3 writes large backups. */
  | 'lzma'
  /** The first original file left out, as HouseF3 does for files it cannot download. */
  | 'file-left-out';

interface Entry {
  name: string;
  data: Buffer;
  method?: number;
}

/** The entries of a ZIP in memory, in order, inflated (tests only: small files). */
export async function readZipEntries(zip: Buffer): Promise<Entry[]> {
  const zipfile = await yauzl.fromBufferPromise(zip, { lazyEntries: true, decodeStrings: true });
  const entries: Entry[] = [];
  for await (const entry of zipfile.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zipfile.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
  }
  return entries;
}

/** A plain deflate ZIP of the given entries (UTF-8 names, regular files). `method` other than 0/8 is written stored but labelled so. */
export function writeZipEntries(entries: readonly Entry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const method = entry.method ?? 8;
    const compressed = method === 8 ? deflateRawSync(entry.data) : entry.data;
    const fields = { versionNeeded: 20, flags: 0x800, method, time: 0, date: (44 << 9) | (1 << 5) | 1, crc32: crc32(entry.data), compressedSize: compressed.length, uncompressedSize: entry.data.length, name };
    const header = encodeLocalFileHeader(fields);
    central.push(encodeCentralDirectoryHeader({ ...fields, versionMadeBy: (3 << 8) | 20, externalAttributes: (0o100644 << 16) >>> 0, localHeaderOffset: offset }));
    parts.push(header, compressed);
    offset += header.length + compressed.length;
  }
  const cd = Buffer.concat(central);
  return Buffer.concat([...parts, cd, encodeEndOfCentralDirectory({ entryCount: entries.length, centralDirectorySize: cd.length, centralDirectoryOffset: offset })]);
}

/** The golden .fzip with one documented change (see FzipVariant). */
export async function fzipVariant(golden: Buffer, variant: FzipVariant): Promise<Buffer> {
  const entries = await readZipEntries(golden);
  const find = (name: string): Entry => {
    const entry = entries.find((candidate) => candidate.name === name);
    if (entry === undefined) throw new Error(`the golden has no ${name}`);
    return entry;
  };
  switch (variant) {
    case 'corrupt-gzip': {
      const entry = find('data/transactions.json.gz');
      const damaged = Buffer.from(entry.data);
      for (let i = 20; i < damaged.length - 8; i += 7) damaged[i] = (damaged[i] as number) ^ 0x5a;
      entry.data = damaged;
      break;
    }
    case 'gzip-bomb':
      find('data/transactions.json.gz').data = gzipSync(Buffer.concat([Buffer.from('['), Buffer.alloc(4 * 1024 * 1024, 0x20), Buffer.from(']')]), { level: 9 });
      break;
    case 'count-mismatch': {
      const manifest = find('manifest.json');
      const accounts = (JSON.parse(gunzipSync(find('data/accounts.json.gz').data).toString('utf8')) as unknown[]).length;
      const text = manifest.data.toString('utf8');
      const changed = text.replace(/"accountsCount": \d+/, `"accountsCount": ${accounts + 1}`);
      if (changed === text) throw new Error('the golden manifest has no accountsCount');
      manifest.data = Buffer.from(changed, 'utf8');
      break;
    }
    case 'lzma':
      find('data/accounts.json.gz').method = 14;
      break;
    case 'file-left-out':
      return writeZipEntries(entries.filter((entry) => entry !== entries.find((candidate) => candidate.name.startsWith('files/'))));
  }
  return writeZipEntries(entries);
}
