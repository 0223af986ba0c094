import { buildCategory } from '@housef3/package-format/testing';
import { parentsFirst } from './saga-steps';

describe('parentsFirst', () => {
  const cat = (id: string, parent?: string) => buildCategory({ categoryId: id, parentCategoryId: parent });

  it('places every parent before its children, whatever the package order', () => {
    const out = parentsFirst([cat('c', 'b'), cat('a'), cat('d', 'a'), cat('b', 'a')]).map((c) => c.categoryId);
    expect(out).toHaveLength(4);
    for (const [child, parent] of [['c', 'b'], ['b', 'a'], ['d', 'a']]) expect(out.indexOf(parent)).toBeLessThan(out.indexOf(child));
  });

  it('orders a 20,000-deep chain listed leaf first without overflowing the stack', () => {
    const depth = 20_000;
    const chain = Array.from({ length: depth }, (_, i) => cat(`c${i}`, i === 0 ? undefined : `c${i - 1}`)).reverse();
    const out = parentsFirst(chain);
    expect(out.map((c) => c.categoryId)).toEqual(Array.from({ length: depth }, (_, i) => `c${i}`));
  });

  it('ends on a cycle (validation refuses those) instead of looping', () => {
    expect(parentsFirst([cat('x', 'y'), cat('y', 'x')]).map((c) => c.categoryId).sort()).toEqual(['x', 'y']);
  });
});
