import { BoundedLru } from '../http/bounded-lru';

/**
 * Tokens already verified, until they expire (and at most `maxAgeMs` after verifying them, so a
 * key withdrawn from the JWKS stops being honoured within that time). A client polling a status
 * sends the same token with every request; verifying its RS256 signature and claims again each
 * time is CPU for an answer that cannot change before `exp`. Keyed by the whole token, so only
 * the exact bytes that were verified are accepted; a refused token is never kept. At most
 * `maxEntries` tokens are kept, least recently used going first.
 */
export class VerifiedTokenCache<V> {
  private readonly entries: BoundedLru<string, { value: V; until: number }>;

  constructor(private readonly maxAgeMs = 5 * 60 * 1000, maxEntries = 10000, private readonly now: () => number = Date.now) {
    this.entries = new BoundedLru(maxEntries);
  }

  get(token: string): V | undefined {
    const hit = this.entries.get(token);
    if (!hit) return undefined;
    if (hit.until <= this.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return hit.value;
  }

  /** Keeps a verified token's result until `expiresAtS` (the token's exp, in seconds) or `maxAgeMs` from now, whichever is first. */
  set(token: string, value: V, expiresAtS: number): void {
    const until = Math.min(expiresAtS * 1000, this.now() + this.maxAgeMs);
    if (!(until > this.now())) return;
    this.entries.set(token, { value, until });
  }
}
