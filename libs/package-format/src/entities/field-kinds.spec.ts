import { JsonNumber } from '../json/json-number';
import { codePointLength } from './field-kinds';
import { describeValue } from './validation-issue';

describe('codePointLength', () => {
  it('counts code points as Python len() does', () => {
    expect(codePointLength('')).toBe(0);
    expect(codePointLength('abc')).toBe(3);
    expect(codePointLength('💶💶')).toBe(2);
    expect(codePointLength('e\u0301')).toBe(2);
    expect(codePointLength('👨‍👩‍👧')).toBe(5);
    expect(codePointLength('\ud83d')).toBe(1);
  });
});

describe('describeValue', () => {
  it('summarizes values safely', () => {
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue(null)).toBe('null');
    expect(describeValue('')).toBe('an empty text');
    expect(describeValue('a"b\n')).toBe('"a\\"b\\n"');
    expect(describeValue('x'.repeat(61))).toBe(`"${'x'.repeat(60)}"… (61 characters)`);
    expect(describeValue(new JsonNumber('1'.repeat(100)))).toBe(`the number ${'1'.repeat(60)}… (100 characters)`);
    expect(describeValue(12n)).toBe('the number 12');
    expect(describeValue([1, 2])).toBe('a list of 2 items');
    expect(describeValue({ a: 1 })).toBe('an object');
    expect(describeValue(false)).toBe('false');
  });
});
