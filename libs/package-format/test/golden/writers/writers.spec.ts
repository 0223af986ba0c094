import { join } from 'node:path';
import { runCli } from '../../../src/cli/run-cli';
import { PACKAGE_ENTITIES } from '../../../src/layout/package-layout';
import { openPackage } from '../../../src/reader/open-package';
import { verifyPackage } from '../../../src/reader/verify-package';
import { fileSource } from '../../../src/source/file-source';
import { collectBytes, collectRecords } from '../../support/collect';

/*
 * The same package (the files of ../v1.0-design-example.zip) packed by five common ZIP writers,
 * committed once (make_writer_goldens.sh). Each must verify and read exactly like the original:
 * a failure means packages users write with everyday tools would be refused.
 */
const WRITERS = [
  ['python-writestr.zip', 'Python zipfile.writestr: mode 0600 with no file type, host Unix'],
  ['python-write.zip', 'Python zipfile.write: regular file modes, host Unix'],
  ['infozip-directories.zip', 'Info-ZIP zip -r: directory entries, extra time fields'],
  ['jdk-jar.zip', 'the JDK jar tool: directory entries, data descriptors, host FAT'],
  ['go-archive-zip.zip', "Go's archive/zip: data descriptors, no modes, UTF-8 flag"],
] as const;
const ORIGINAL = join(__dirname, '..', 'v1.0-design-example.zip');

async function contents(path: string): Promise<Record<string, unknown>> {
  const reader = await openPackage(await fileSource(path));
  try {
    const out: Record<string, unknown> = {};
    for (const entity of PACKAGE_ENTITIES) out[entity] = reader.hasEntity(entity) ? await collectRecords(reader, entity) : 'absent';
    for (const file of reader.files) out[file.path] = (await collectBytes(await reader.openFile(file.fileId))).toString('base64');
    return out;
  } finally {
    await reader.close();
  }
}

describe.each(WRITERS)('golden written by another writer: %s (%s)', (name) => {
  const path = join(__dirname, name);

  it('verifies with no problem, every record valid', async () => {
    const report = await verifyPackage(await fileSource(path));
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.issueCount).toBe(0);
    // a 1.1 package holds none of the 1.2 entities: read as present with no records
    expect(report.manifest?.record_counts).toEqual({
      accounts: 2, transactions: 5, categories: 3, file_maps: 1, transaction_files: 2, analytics: null,
      user_preferences: 0, recurring_charge_patterns: 0, recurring_charge_predictions: 0, pattern_feedback: 0,
    });
  });

  it('`npm run package -- verify` says OK', async () => {
    let out = '';
    const status = await runCli(['verify', path], (text) => (out += text), () => undefined);
    expect(out).toMatch(/^OK: /);
    expect(status).toBe(0);
  });

  it('reads exactly what the original package holds: every record and every file byte', async () => {
    expect(await contents(path)).toEqual(await contents(ORIGINAL));
  });
});
