import { gunzipSync } from 'node:zlib';
import { readZipEntries } from './fzip-variants';

/** Export-only decoration of HouseF3 backup records, listed here again on purpose (the test oracle does not reuse the code it checks). */
const DECORATION = ['exportMetadata', 'computedFields', 'hierarchyInfo', 'categoryAssignments', 'dateFormatted', 'uploadDateFormatted', 'processedDateFormatted', 'fileStatusInfo', 'validationInfo'];

export type PlainRecord = Record<string, unknown>;

/**
 * The records of a HouseF3 backup (.fzip) after the documented conversions, computed
 * independently of the reader: each data/<entity>.json.gz parsed with JSON.parse (transactionHash
 * kept as its exact digits, a string), decoration dropped (top level, and validationInfo in file
 * map mappings). Everything else is as HouseF3 wrote it, the source userId included.
 */
export async function fzipExpectedRecords(fzip: Buffer): Promise<Record<string, PlainRecord[]>> {
  const out: Record<string, PlainRecord[]> = {};
  for (const entry of await readZipEntries(fzip)) {
    const match = /^data\/([a-z_]+)\.json(\.gz)?$/.exec(entry.name);
    if (match === null) continue;
    const text = (match[2] === undefined ? entry.data : gunzipSync(entry.data)).toString('utf8');
    const records = JSON.parse(text.replace(/"transactionHash": (\d+)/g, '"transactionHash": "$1"')) as PlainRecord[];
    out[match[1] as string] = records.map((record) => {
      const clean: PlainRecord = {};
      for (const [key, value] of Object.entries(record)) {
        if (DECORATION.includes(key)) continue;
        clean[key] = key === 'mappings' && Array.isArray(value) ? value.map((m: PlainRecord) => Object.fromEntries(Object.entries(m).filter(([k]) => k !== 'validationInfo'))) : value;
      }
      return clean;
    });
  }
  return out;
}

/** The manifest.json of a HouseF3 backup, parsed. */
export async function fzipManifestOf(fzip: Buffer): Promise<PlainRecord> {
  const manifest = (await readZipEntries(fzip)).find((entry) => entry.name === 'manifest.json');
  if (manifest === undefined) throw new Error('no manifest.json');
  return JSON.parse(manifest.data.toString('utf8')) as PlainRecord;
}

/** The original files of a HouseF3 backup: `files/{fileId}/{name}` -> bytes. */
export async function fzipFiles(fzip: Buffer): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readZipEntries(fzip)) if (entry.name.startsWith('files/') && !entry.name.endsWith('/')) files.set(entry.name, entry.data);
  return files;
}
