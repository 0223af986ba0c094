import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { allTopicsWithDeadLetters, MESSAGE_TYPES } from '@housef3/contracts';
import { ASYNCAPI_FILE, renderAsyncApi } from './asyncapi';

describe('docs/asyncapi.yaml', () => {
  it('is up to date with libs/contracts (run `npm run docs:asyncapi` after changing a message)', () => {
    expect(readFileSync(ASYNCAPI_FILE, 'utf8')).toBe(renderAsyncApi());
  });

  it('documents every topic, dead-letter topic and message type, with a payload schema each', () => {
    const doc = parse(readFileSync(ASYNCAPI_FILE, 'utf8'));
    const addresses = Object.values(doc.channels as Record<string, { address: string }>).map((c) => c.address);
    expect(addresses.sort()).toEqual(allTopicsWithDeadLetters().sort());
    for (const type of MESSAGE_TYPES) {
      const ref: string = doc.components.messages[type].payload.allOf[1].properties.payload.$ref;
      expect(doc.components.schemas[ref.split('/').pop()!]).toBeDefined();
    }
    expect(doc.components.schemas.ImportCompletedV1.required).toEqual(expect.arrayContaining(['counts', 'regenerateAnalytics']));
  });
});
