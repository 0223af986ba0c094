import { ANALYTIC_TYPES, markFor, pythonIsoFormat, RestoreFacts, statusRecords } from './analytics-status';
import { toStatusItem } from './analytics-status.store';
import { loadHouseF3StatusFixture, typedItem } from '@housef3/testing';

const fixture = loadHouseF3StatusFixture();

describe('analytics-status records', () => {
  it.each(['regenerate', 'restored'] as const)('%s: equal, attribute by attribute and type by type, to what HouseF3 writes', (name) => {
    const expected = fixture.cases[name];
    const facts: RestoreFacts = {
      userId: 'u-real', completedAt: new Date(fixture.completedAt), analyticsRestored: name === 'restored', regenerateAnalytics: name === 'regenerate',
    };
    const mark = markFor(facts);
    const real = ['acc-real-1', 'acc-real-2'];
    const records = [undefined, ...real].flatMap((accountId) => statusRecords(facts, mark === 'none' ? 'compute' : mark, accountId));
    const symbols = new Map([['u-real', expected.userId], ...real.map((id, i) => [id, fixture.accounts[i] as string] as const)]);
    const items = records.map((r) => typedItem(toStatusItem(r), symbols)).sort((a, b) => (a.sk!.S! < b.sk!.S! ? -1 : 1));
    expect(items).toEqual(expected.records);
  });

  it('one record per analytic type of HouseF3', () => {
    expect(ANALYTIC_TYPES).toHaveLength(10);
    expect(new Set(fixture.cases.regenerate.records.map((r) => r.analyticType!.S))).toEqual(new Set(ANALYTIC_TYPES));
  });

  it('writes times as Python isoformat does, the fraction left out when zero', () => {
    expect(pythonIsoFormat(new Date('2026-03-14T09:26:53.589Z'))).toBe('2026-03-14T09:26:53.589000+00:00');
    expect(pythonIsoFormat(new Date('2026-03-14T09:26:53.000Z'))).toBe('2026-03-14T09:26:53+00:00');
    expect(pythonIsoFormat(new Date('2026-03-14T09:26:53.007Z'))).toBe('2026-03-14T09:26:53.007000+00:00');
  });

  it('decides by the event: compute when asked, record restored analytics as computed, else nothing', () => {
    const base = { userId: 'u', completedAt: new Date() };
    expect(markFor({ ...base, regenerateAnalytics: true, analyticsRestored: false })).toBe('compute');
    expect(markFor({ ...base, regenerateAnalytics: false, analyticsRestored: true })).toBe('restored');
    expect(markFor({ ...base, regenerateAnalytics: false, analyticsRestored: false })).toBe('none');
  });
});
