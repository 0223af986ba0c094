import { findCycles } from './category-cycles';

describe('findCycles', () => {
  it('finds each cycle once, and nothing in trees or chains ending outside the map', () => {
    const parents = new Map([
      ['tail', 'a'], // leads into the cycle without being on it
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
      ['x', 'y'],
      ['y', 'x'],
      ['leaf', 'root'], // root has no parent
      ['orphan', 'not-in-map'],
    ]);
    expect(findCycles(parents)).toEqual([['a', 'b', 'c'], ['x', 'y']]);
  });

  it('handles a long chain without recursion', () => {
    const parents = new Map(Array.from({ length: 100_000 }, (_, i) => [`c${i}`, `c${i + 1}`] as [string, string]));
    expect(findCycles(parents)).toEqual([]);
    parents.set('c100000', 'c0');
    expect(findCycles(parents)[0]).toHaveLength(100_001);
  });
});
