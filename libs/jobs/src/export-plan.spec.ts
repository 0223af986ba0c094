import { ExportPlan, InvalidPlanError, parseExportPlan, stagingPrefix } from './export-plan';

const exportId = '0b9f6c1e-8d7a-4e2b-9c3d-1a2b3c4d5e6f';
const userId = 'user-1';
const sha = (c: string) => `sha256:${c.repeat(64)}`;

function plan(overrides: Partial<ExportPlan> = {}, entity: Record<string, unknown> = {}): string {
  const prefix = stagingPrefix(userId, exportId, 1);
  return JSON.stringify({
    version: 2, exportId, userId, attempt: 1, exportTimestamp: '2026-01-01T00:00:00.000Z', housef3Version: '2.5.0', includeAnalytics: false, files: [],
    entities: [
      { entity: 'transactions', stagingKey: `${prefix}data/transactions.json`, records: 3, bytes: 100, sha256: sha('a'), deflated: { crc32: 123, compressedBytes: 40, compressedSha256: sha('b') }, ...entity },
      { entity: 'transaction_files', stagingKey: `${prefix}data/transaction_files.json`, records: 0, bytes: 28, sha256: sha('c') },
    ],
    ...overrides,
  });
}

describe('parseExportPlan', () => {
  it('reads a plan with entries staged deflated', () => {
    const parsed = parseExportPlan(plan(), { exportId, userId });
    expect(parsed.entities[0].deflated).toEqual({ crc32: 123, compressedBytes: 40, compressedSha256: sha('b') });
    expect(parsed.entities[1].deflated).toBeUndefined();
  });

  it('still reads a plan of version 1 (every entry plain text)', () => {
    const v1 = JSON.parse(plan()) as ExportPlan;
    v1.version = 1;
    delete v1.entities[0].deflated;
    expect(parseExportPlan(JSON.stringify(v1), { exportId, userId }).version).toBe(1);
  });

  it.each([
    ['a version-1 plan with a deflated entry', plan({ version: 1 })],
    ['a bad CRC-32', plan({}, { deflated: { crc32: -1, compressedBytes: 40, compressedSha256: sha('b') } })],
    ['a bad compressed size', plan({}, { deflated: { crc32: 1, compressedBytes: 1.5, compressedSha256: sha('b') } })],
    ['a bad compressed checksum', plan({}, { deflated: { crc32: 1, compressedBytes: 40, compressedSha256: 'md5:00' } })],
    ['a bad entry checksum', plan({}, { sha256: 'x' })],
    ['a negative count', plan({}, { records: -1 })],
    ['an unknown version', plan({ version: 3 as never })],
  ])('refuses %s', (_why, text) => {
    expect(() => parseExportPlan(text, { exportId, userId })).toThrow(InvalidPlanError);
  });

  it('refuses transaction_files staged deflated (the writer must read those records)', () => {
    const p = JSON.parse(plan()) as ExportPlan;
    p.entities[1].deflated = { crc32: 1, compressedBytes: 1, compressedSha256: sha('d') };
    expect(() => parseExportPlan(JSON.stringify(p), { exportId, userId })).toThrow(/cannot be staged deflated/);
  });
});
