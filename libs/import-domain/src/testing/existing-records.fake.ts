import type { EntityName } from '@housef3/package-format';
import { OWNER_LOOKUP_BATCH_SIZE, type ExistingRecords } from '../ownership';

/** ExistingRecords over an in-memory map, recording every call; refuses batches over the port's cap. */
export class InMemoryExistingRecords implements ExistingRecords {
  readonly calls: { entity: EntityName; ids: string[] }[] = [];
  private readonly owned = new Map<string, string>();

  constructor(records: readonly { entity: EntityName; id: string; owner: string }[] = []) {
    for (const { entity, id, owner } of records) this.owned.set(`${entity}/${id}`, owner);
  }

  async owners(entity: EntityName, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length > OWNER_LOOKUP_BATCH_SIZE) throw new Error(`owners called with ${ids.length} ids (at most ${OWNER_LOOKUP_BATCH_SIZE})`);
    this.calls.push({ entity, ids: [...ids] });
    const found = new Map<string, string>();
    for (const id of ids) {
      const owner = this.owned.get(`${entity}/${id}`);
      if (owner !== undefined) found.set(id, owner);
    }
    return found;
  }
}
