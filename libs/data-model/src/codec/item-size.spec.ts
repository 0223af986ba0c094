import { itemSizeBytes, MAX_ITEM_BYTES } from './item-size';

describe('itemSizeBytes (DynamoDB item size rules)', () => {
  it('counts names and values', () => {
    expect(itemSizeBytes({ id: { S: 'abc' } })).toBe(2 + 3);
    expect(itemSizeBytes({ name: { S: 'Müller' } })).toBe(4 + 7);
    expect(itemSizeBytes({ n: { N: '12345' } })).toBe(1 + 4);
    expect(itemSizeBytes({ b: { BOOL: true }, z: { NULL: true } })).toBe(4);
    expect(itemSizeBytes({ l: { L: [{ S: 'ab' }, { N: '1' }] } })).toBe(1 + 3 + (1 + 2) + (1 + 2));
    expect(itemSizeBytes({ m: { M: { k: { S: 'v' } } } })).toBe(1 + 3 + 1 + 1 + 1);
  });

  it('tells a record over the 400 KB limit', () => {
    expect(itemSizeBytes({ note: { S: 'x'.repeat(MAX_ITEM_BYTES) } })).toBeGreaterThan(MAX_ITEM_BYTES);
    expect(itemSizeBytes({ tags: { L: Array.from({ length: 210 }, () => ({ S: "y".repeat(2000) })) } })).toBeGreaterThan(MAX_ITEM_BYTES);
  });
});
