import { ExportOptionsV1 } from '@housef3/contracts';
import { buildAccount, buildFileMap, buildTransactionFile } from '@housef3/package-format/testing';
import { closeSelection, initialFiles } from './export-selection';

const A1 = '11111111-1111-4111-8111-111111111111';
const A2 = '22222222-2222-4222-8222-222222222222';
const A3 = '33333333-3333-4333-8333-333333333333';
const M1 = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const M2 = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const M3 = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const F1 = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
const F2 = 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee';
const F3 = 'ffffffff-ffff-4fff-8fff-ffffffffffff';

const day = (d: number) => Date.UTC(2024, 0, d);
const all = {
  accounts: [buildAccount({ accountId: A1, defaultFileMapId: M1 }), buildAccount({ accountId: A2 }), buildAccount({ accountId: A3 })],
  fileMaps: [buildFileMap({ fileMapId: M1, accountId: A1 }), buildFileMap({ fileMapId: M2, accountId: A3 }), buildFileMap({ fileMapId: M3 })],
  files: [
    buildTransactionFile({ fileId: F1, accountId: A1, fileMapId: M2, dateRange: { startDate: day(1), endDate: day(10) } }),
    buildTransactionFile({ fileId: F2, accountId: A2, dateRange: { startDate: day(11), endDate: day(20) } }),
    buildTransactionFile({ fileId: F3, accountId: A2, dateRange: { startDate: day(21), endDate: day(31) } }),
  ],
};
const ids = (s: ReturnType<typeof closeSelection>) => ({
  accounts: s.accounts.map((a) => a.accountId).sort(), files: s.files.map((f) => f.fileId).sort(), maps: s.fileMaps.map((m) => m.fileMapId).sort(),
});
const opts = (o: Partial<ExportOptionsV1>): ExportOptionsV1 => ({ includeAnalytics: false, format: 'selective', ...o });

describe('selective export selection', () => {
  it('a complete export takes everything', () => {
    expect(ids(closeSelection({ includeAnalytics: false, format: 'complete' }, all, new Set()))).toEqual({ accounts: [A1, A2, A3], files: [F1, F2, F3], maps: [M1, M2, M3] });
  });

  it('categoriesOnly takes none of them', () => {
    expect(ids(closeSelection(opts({ categoriesOnly: true }), all, new Set()))).toEqual({ accounts: [], files: [], maps: [] });
  });

  it('accountIds closes over references: the file map a file uses brings the account it belongs to', () => {
    // A1's file F1 is read with map M2, which belongs to A3: A3 must come along, or M2 would dangle.
    expect(ids(closeSelection(opts({ accountIds: [A1] }), all, new Set([F1])))).toEqual({ accounts: [A1, A3], files: [F1], maps: [M1, M2] });
  });

  it('dateRange keeps every account and map, files that overlap, and files its transactions reference', () => {
    const range = { from: day(12), to: day(15) };
    expect(initialFiles(opts({ dateRange: range }), all.files).map((f) => f.fileId)).toEqual([F2]);
    expect(ids(closeSelection(opts({ dateRange: range }), all, new Set([F2, F3])))).toEqual({ accounts: [A1, A2, A3], files: [F2, F3], maps: [M1, M2, M3] });
  });

  it('accountIds and dateRange intersect', () => {
    expect(ids(closeSelection(opts({ accountIds: [A2], dateRange: { from: day(25), to: day(26) } }), all, new Set([F3])))).toEqual({ accounts: [A2], files: [F3], maps: [] });
  });
});
