import { estimateCompletion } from './eta';

describe('estimateCompletion', () => {
  it('projects the pace so far onto the rest', () => {
    expect(estimateCompletion(0, 0.25, 60_000)).toBe(new Date(240_000).toISOString());
    expect(estimateCompletion(1_000, 0.5, 11_000)).toBe(new Date(21_000).toISOString());
  });

  it('says nothing before work starts, without progress, or when done', () => {
    expect(estimateCompletion(undefined, 0.5, 10)).toBeUndefined();
    expect(estimateCompletion(0, 0, 10)).toBeUndefined();
    expect(estimateCompletion(0, 1, 10)).toBeUndefined();
    expect(estimateCompletion(100, 0.5, 10)).toBeUndefined();
  });
});
