import { ENTITY_KINDS, EntityCountsV1 } from '@housef3/contracts';

export function zeroCounts(): EntityCountsV1 {
  return Object.fromEntries(ENTITY_KINDS.map((k) => [k, 0])) as unknown as EntityCountsV1;
}
