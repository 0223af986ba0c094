import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ENTITY_NAMES } from './entity-name';
import { NESTED_SPECS, NestedTypeName } from './entity-specs';
import * as enums from './enums';
import { fieldOrder, nestedFieldOrder } from './field-order';

// docs/package-format-entities.md must stay true: every field and enum value is documented.
const doc = readFileSync(join(__dirname, '../../../../docs/package-format-entities.md'), 'utf8');

describe('docs/package-format-entities.md', () => {
  it('names every field of every record and nested object', () => {
    const fields = [...ENTITY_NAMES.flatMap((entity) => fieldOrder(entity)), ...(Object.keys(NESTED_SPECS) as NestedTypeName[]).flatMap((t) => nestedFieldOrder(t))];
    expect(fields.filter((field) => !doc.includes(`\`${field}\``))).toEqual([]);
  });

  it('lists every enum value', () => {
    const values = Object.values(enums).flat() as string[];
    expect(values.filter((value) => !new RegExp(`\\b${value}\\b`).test(doc))).toEqual([]);
  });
});
