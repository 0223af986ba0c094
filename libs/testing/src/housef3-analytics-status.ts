import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { REPO_ROOT } from './stack-env';

/** One stored item in DynamoDB's typed JSON, binary values as base64 text. */
export type TypedItem = Record<string, Partial<Record<'S' | 'N' | 'B', string>>>;

/** The analytics-status records HouseF3's own code writes (apps/analytics-trigger/test/fixtures/housef3_analytics_status.py). */
export interface HouseF3StatusFixture {
  readonly accounts: readonly string[];
  readonly completedAt: string;
  readonly priority: number;
  readonly cases: { readonly [C in 'regenerate' | 'restored']: { readonly userId: string; readonly records: readonly TypedItem[] } };
}

export function loadHouseF3StatusFixture(): HouseF3StatusFixture {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'apps/analytics-trigger/test/fixtures/housef3-analytics-status.json'), 'utf8')) as HouseF3StatusFixture;
}

/** A stored item as typed JSON, with the real user and account ids replaced by the fixture's symbols. */
export function typedItem(item: Record<string, AttributeValue>, symbols: ReadonlyMap<string, string>): TypedItem {
  const swap = (text: string) => [...symbols].reduce((t, [real, symbol]) => t.split(real).join(symbol), text);
  const out: TypedItem = {};
  for (const [name, value] of Object.entries(item)) {
    if (value.S !== undefined) out[name] = { S: swap(value.S) };
    else if (value.N !== undefined) out[name] = { N: value.N };
    else if (value.B !== undefined) out[name] = { B: Buffer.from(value.B).toString('base64') };
    else throw new Error(`unexpected attribute type in ${name}: ${JSON.stringify(value)}`);
  }
  return out;
}

/** ISO time of the shape Python's isoformat gives a UTC time. */
export const PYTHON_UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?\+00:00$/;
