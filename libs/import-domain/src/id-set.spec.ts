import { IdSet } from './id-set';

describe('IdSet', () => {
  it('tells UUIDs and other IDs apart and never confuses the compact form with a plain ID', () => {
    const set = new IdSet();
    const uuid = '4fdbd757-53b4-4a58-a2d4-551c2419149a';
    const compact = Buffer.from(uuid.replace(/-/g, ''), 'hex').toString('latin1');
    expect(set.add(uuid)).toBe(true);
    expect(set.add(uuid)).toBe(false);
    expect(set.has(compact)).toBe(false);
    expect(set.add(compact)).toBe(true);
    expect(set.add('cash_flow#overall#ALL')).toBe(true);
    expect(set.has('cash_flow#overall#ALL')).toBe(true);
    expect(set.has(uuid.toUpperCase())).toBe(false);
    expect(set.size).toBe(3);
  });
});
