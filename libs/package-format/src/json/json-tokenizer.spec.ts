import { JsonSyntaxError, JsonTokenizer, type JsonToken } from './json-tokenizer';

function tokens(...parts: string[]): string[] {
  const out: JsonToken[] = [];
  const tokenizer = new JsonTokenizer((token) => out.push(token));
  for (const part of parts) tokenizer.write(part);
  tokenizer.end();
  return out.map((t) => (t.value === undefined ? t.name : `${t.name}:${String(t.value)}`));
}

describe('JsonTokenizer (stream-json Parser, delivered synchronously)', () => {
  it('streams keys, strings and numbers as chunks, never packed', () => {
    expect(tokens('{"ab":["x",-1.5e3,true,null]}')).toEqual([
      'startObject',
      'startKey',
      'stringChunk:ab',
      'endKey',
      'startArray',
      'startString',
      'stringChunk:x',
      'endString',
      'startNumber',
      'numberChunk:-',
      'numberChunk:1',
      'numberChunk:.',
      'numberChunk:5',
      'numberChunk:e',
      'numberChunk:3',
      'endNumber',
      'trueValue:true',
      'nullValue:null',
      'endArray',
      'endObject',
    ]);
  });

  it('delivers tokens during write(), before it returns', () => {
    const seen: string[] = [];
    const tokenizer = new JsonTokenizer((token) => seen.push(token.name));
    tokenizer.write('[1,');
    expect(seen).toEqual(['startArray', 'startNumber', 'numberChunk', 'endNumber']);
  });

  it('gives the same tokens whatever the split', () => {
    const text = '{"k":"va\\u00e9lue","n":12345}';
    const whole = tokens(text).join('|').replace(/\|stringChunk:[^|]*/g, '|s').replace(/\|numberChunk:[^|]*/g, '|n');
    const split = tokens(...text.split('')).join('|').replace(/(\|stringChunk:[^|]*)+/g, '|s').replace(/(\|numberChunk:[^|]*)+/g, '|n');
    expect(split).toBe(whole.replace(/(\|s)+/g, '|s').replace(/(\|n)+/g, '|n'));
  });

  it('throws syntax errors from write() or end()', () => {
    expect(() => tokens('{"a" 1}')).toThrow(JsonSyntaxError);
    expect(() => tokens('[1,2')).toThrow(/expected ','/);
    expect(() => tokens('')).toThrow(/expected a value/);
    expect(() => tokens('[] []')).toThrow(/unexpected characters/);
  });
});
