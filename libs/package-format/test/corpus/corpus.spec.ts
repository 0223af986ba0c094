import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { verifyPackage } from '../../src/reader/verify-package';
import { bufferSource } from '../../src/source/package-source';
import { CORPUS, soundFixturePackage } from './corpus-cases';

const PACKAGES = join(__dirname, 'packages');

describe('hostile and broken package corpus', () => {
  it('has at least 25 cases, each with its own reason', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(25);
    expect(new Set(CORPUS.map((c) => c.id)).size).toBe(CORPUS.length);
    expect(new Set(CORPUS.map((c) => `${c.code} ${c.message.source}`)).size).toBe(CORPUS.length);
    expect(new Set(CORPUS.map((c) => c.code)).size).toBeGreaterThanOrEqual(25);
  });

  it('starts from a sound package (the control)', async () => {
    const report = await verifyPackage(bufferSource(soundFixturePackage()));
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it.each(CORPUS.map((c) => [c.id, c] as const))('%s is refused with its specific reason', async (_id, corpusCase) => {
    const bytes = corpusCase.build();
    const report = await verifyPackage(bufferSource(bytes, `${corpusCase.id}.zip`));
    expect(report.ok).toBe(false);
    const first = report.problems[0];
    expect({ code: first?.code, message: first?.message }).toEqual({ code: corpusCase.code, message: expect.stringMatching(corpusCase.message) });
    if (corpusCase.commit) {
      const committed = await readFile(join(PACKAGES, `${corpusCase.id}.zip`));
      if (!committed.equals(bytes)) {
        throw new Error(`packages/${corpusCase.id}.zip differs from what corpus-cases.ts builds; regenerate: node tools/run-ts.cjs libs/package-format/test/corpus/generate-corpus.ts`);
      }
    }
  });
});
