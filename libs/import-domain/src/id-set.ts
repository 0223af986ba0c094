const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A set of record IDs that costs about half what a Set of UUID strings does: a lower-case UUID is
 * kept as its 16 bytes in a one-byte string (V8: ~32 bytes of string plus the set's slot, against
 * ~56 for the 36-character text). Other IDs (analytics keys, malformed IDs of invalid records) are
 * kept as they are, in a second set, so the two forms never collide.
 */
export class IdSet {
  private readonly uuids = new Set<string>();
  private readonly others = new Set<string>();

  /** Adds `id`; false when it was already there. */
  add(id: string): boolean {
    const [set, key] = this.slot(id);
    if (set.has(key)) return false;
    set.add(key);
    return true;
  }

  has(id: string): boolean {
    const [set, key] = this.slot(id);
    return set.has(key);
  }

  get size(): number {
    return this.uuids.size + this.others.size;
  }

  private slot(id: string): [Set<string>, string] {
    return UUID.test(id) ? [this.uuids, Buffer.from(id.replace(/-/g, ''), 'hex').toString('latin1')] : [this.others, id];
  }
}
