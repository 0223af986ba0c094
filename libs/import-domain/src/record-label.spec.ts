import { idList } from './record-label';

describe('idList', () => {
  it('joins a short list whole', () => {
    expect(idList(['a', 'b', 'a'])).toBe('a -> b -> a');
  });

  it('shows the start of a long list and its length, from the start alone when the total is given', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `c${i}`);
    expect(idList(ids)).toBe('c0 -> c1 -> c2 -> c3 -> c4 -> c5 -> … (10 categories)');
    expect(idList(ids.slice(0, 7), 6, 20_001)).toBe('c0 -> c1 -> c2 -> c3 -> c4 -> c5 -> … (20001 categories)');
  });
});
