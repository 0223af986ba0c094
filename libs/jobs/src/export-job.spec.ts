import { decodeCursor, encodeCursor, InvalidCursorError } from './cursor';
import { humanSize, packageKeyFor, progressFraction } from './export-job';

describe('progressFraction', () => {
  const estimate = { records: 1000, bytes: 10_000 };
  const at = (phase: 'queued' | 'collecting' | 'assembling' | 'finalizing', recordsDone: number, bytesDone: number) =>
    progressFraction({ status: 'processing', estimate, progress: { phase, recordsDone, bytesDone } });

  it('grows through collection then assembly and never reaches 1 before completion', () => {
    const steps = [at('queued', 0, 0), at('collecting', 100, 0), at('collecting', 1000, 0), at('assembling', 0, 5000), at('assembling', 0, 10_000), at('finalizing', 0, 0)];
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThanOrEqual(steps[i - 1]);
    expect(Math.max(...steps)).toBeLessThan(1);
    expect(at('collecting', 500, 0)).toBeCloseTo(0.2);
  });

  it('is 0 before work and 1 when done, and survives an estimate that was too small', () => {
    expect(progressFraction({ status: 'initiated', estimate, progress: { phase: 'queued', recordsDone: 0, bytesDone: 0 } })).toBe(0);
    expect(progressFraction({ status: 'completed', estimate, progress: { phase: 'done', recordsDone: 0, bytesDone: 0 } })).toBe(1);
    expect(at('collecting', 5000, 0)).toBeLessThanOrEqual(0.4);
    expect(progressFraction({ status: 'processing', estimate: { records: 0, bytes: 0 }, progress: { phase: 'assembling', recordsDone: 0, bytesDone: 99 } })).toBeLessThan(1);
  });
});

describe('packageKeyFor', () => {
  it('names the package as the design does, under a per-user, per-export prefix', () => {
    expect(packageKeyFor('user-1', '0b5f2a3e-9c1d-4f7a-8e2b-6d4c3b2a1f00', Date.UTC(2024, 0, 15, 10, 30, 0)))
      .toBe('exports/user-1/0b5f2a3e-9c1d-4f7a-8e2b-6d4c3b2a1f00/export_20240115T103000Z_user-1.zip');
  });

  it('keeps odd user ids inside their prefix', () => {
    expect(packageKeyFor('../x/y', 'e', 0)).toMatch(/^exports\/\.\.%2Fx%2Fy\/e\//);
  });
});

describe('humanSize', () => {
  it.each([[0, '~0B'], [900, '~900B'], [1536, '~1.5KB'], [25 * 1024 * 1024, '~25MB'], [3 * 1024 ** 3, '~3.0GB']])('%d -> %s', (n, s) => {
    expect(humanSize(n)).toBe(s);
  });
});

describe('cursors', () => {
  const key = { exportId: 'e1', userId: 'alice', requestedAt: 5 };

  it('round-trip for their user', () => {
    expect(decodeCursor(encodeCursor(key, 'alice'), 'alice')).toEqual(key);
  });

  it('refuse another user, a forged key and garbage', () => {
    expect(() => decodeCursor(encodeCursor(key, 'alice'), 'bob')).toThrow(InvalidCursorError);
    expect(() => decodeCursor(encodeCursor({ ...key, userId: 'bob' }, 'alice'), 'alice')).toThrow(InvalidCursorError);
    expect(() => decodeCursor('%%%', 'alice')).toThrow(InvalidCursorError);
  });

  it('refuse well-formed JSON that is no cursor (null, numbers, strings, arrays) with InvalidCursorError, not a TypeError', () => {
    for (const json of ['null', '1', '"x"', '[]', 'true', '{"u":"alice","k":null}']) {
      expect(() => decodeCursor(Buffer.from(json).toString('base64url'), 'alice')).toThrow(InvalidCursorError);
    }
    expect(Buffer.from('null').toString('base64url')).toBe('bnVsbA');
  });
});
