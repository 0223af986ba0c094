import * as yauzl from 'yauzl';

/** The bytes of one entry of a ZIP in memory, read with plain yauzl (tests only). */
export async function readZipEntry(zip: Buffer, name: string): Promise<Buffer> {
  const zipfile = await yauzl.fromBufferPromise(zip, { lazyEntries: true });
  for await (const entry of zipfile.eachEntry()) {
    if (entry.fileName !== name) continue;
    const chunks: Buffer[] = [];
    for await (const chunk of await zipfile.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  throw new Error(`no entry ${name}`);
}

/** Every entry name of a ZIP in memory, in central directory order. */
export async function zipEntryNames(zip: Buffer): Promise<string[]> {
  const zipfile = await yauzl.fromBufferPromise(zip, { lazyEntries: true });
  const names: string[] = [];
  for await (const entry of zipfile.eachEntry()) names.push(entry.fileName);
  return names;
}
