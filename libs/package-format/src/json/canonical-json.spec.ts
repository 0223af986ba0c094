import { canonicalJson, NotJsonError } from './canonical-json';
import { JsonNumber } from './json-number';

describe('canonicalJson', () => {
  it('orders keys by keyOrder, then sorts the rest, and orders nested objects', () => {
    const order = { keys: ['id', 'name'], nested: { rules: { keys: ['ruleId', 'value'] } } };
    const value = { z: 1, name: 'n', rules: [{ value: 'v', ruleId: 'r', extra: true }], id: 'i', a: { y: 1, b: 2 } };
    expect(canonicalJson(value, order)).toBe('{"id":"i","name":"n","a":{"b":2,"y":1},"rules":[{"ruleId":"r","value":"v","extra":true}],"z":1}');
  });

  it('writes bigint and JsonNumber exactly, omits undefined members', () => {
    expect(canonicalJson({ h: 18446744073709551615n, n: new JsonNumber('1.50'), u: undefined, s: '-0.00' })).toBe('{"h":18446744073709551615,"n":1.50,"s":"-0.00"}');
  });

  it('escapes strings as JSON.stringify does, lone surrogates included', () => {
    expect(canonicalJson(['tab\t"q"', '\ud800', 'é'])).toBe('["tab\\t\\"q\\"","\\ud800","é"]');
  });

  it.each([[{ d: new Date(0) }, '$.d'], [{ n: NaN }, '$.n'], [{ a: [undefined] }, '$.a[0]'], [{ f: () => 1 }, '$.f'], [{ m: new Map() }, '$.m']])(
    'refuses %p (no JSON form)',
    (value, path) => {
      expect(() => canonicalJson(value)).toThrow(NotJsonError);
      try {
        canonicalJson(value);
      } catch (error) {
        expect((error as NotJsonError).path).toBe(path);
      }
    },
  );

  it('is stable whatever the key order in memory', () => {
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe(canonicalJson({ a: { c: 2, d: 1 }, b: 1 }));
  });
});
