/**
 * Writes test/golden/v1.1-complete.zip with this library's writer from the fixed coverage dataset
 * (every enum value, unicode, edge amounts, hashes near 2^64, analytics) and deterministic
 * original files, one of them declared missing. Run once per new golden:
 *   node tools/run-ts.cjs libs/package-format/test/golden/generate-v1.1-golden.ts
 * Never regenerate a committed golden: it stands for the backups users already hold.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { buildDataset } from '../../src/testing';
import { writePackage } from '../../src/writer/write-package';
import { goldenFileBytes, GOLDEN_MISSING_REASON } from './golden-files';

async function main(): Promise<void> {
  const dataset = buildDataset();
  const [missing, ...present] = dataset.transaction_files;
  if (missing === undefined) throw new Error('the coverage dataset has no transaction files');
  const handle = writePackage({
    userId: 'golden-user',
    exportTimestamp: new Date('2025-01-31T23:59:58Z'),
    housef3Version: '2.5.0',
    compatibility: { minimum_version: '2.0.0', supported_versions: ['2.0.0', '2.5.0'] },
    records: dataset,
    files: present.map((file) => ({ fileId: file.fileId, fileName: file.fileName, open: () => [goldenFileBytes(file.fileId, file.fileName)] })),
    missingFiles: [{ fileId: missing.fileId, fileName: missing.fileName, reason: GOLDEN_MISSING_REASON }],
  });
  const path = join(__dirname, 'v1.1-complete.zip');
  await pipeline(handle.stream, createWriteStream(path));
  const written = await handle.done;
  process.stdout.write(`${path}: ${written.size} bytes, ${JSON.stringify(written.manifest.record_counts)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
