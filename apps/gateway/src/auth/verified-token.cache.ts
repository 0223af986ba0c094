/**
 * Tokens already verified, until they expire (and at most `maxAgeMs` after verifying them, so a
 * key withdrawn from the JWKS stops being honoured within that time). A client polling a status
 * sends the same token with every request; verifying its RS256 signature and claims again each
 * time is CPU for an answer that cannot change before `exp`. Keyed by the whole token, so only
 * the exact bytes that were verified are accepted; a refused token is never kept. At most
 * `maxEntries` tokens are kept, least recently used going first.
 */
export class VerifiedTokenCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();

  constructor(private readonly maxAgeMs = 5 * 60 * 1000, private readonly maxEntries = 10000, private readonly now: () => number = Date.now) {}

  get(token: string): V | undefined {
    const hit = this.entries.get(token);
    if (!hit) return undefined;
    if (hit.until <= this.now()) {
      this.entries.delete(token);
      return undefined;
    }
    this.entries.delete(token);
    this.entries.set(token, hit);
    return hit.value;
  }

  /** Keeps a verified token's result until `expiresAtS` (the token's exp, in seconds) or `maxAgeMs` from now, whichever is first. */
  set(token: string, value: V, expiresAtS: number): void {
    const until = Math.min(expiresAtS * 1000, this.now() + this.maxAgeMs);
    if (!(until > this.now())) return;
    this.entries.delete(token);
    this.entries.set(token, { value, until });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }
}
