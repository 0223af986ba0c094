import { createLocalJWKSet, errors, JSONWebKeySet, JWSHeaderParameters, FlattenedJWSInput } from 'jose';

/** No signing key can be had at all (never fetched one, and the provider does not answer): a 503, not a 401. */
export class KeysUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KeysUnavailableError';
  }
}

export interface JwksKeyStoreOptions {
  url: string;
  /** how old the last good key set may get before a refresh is tried (in the background) */
  refreshMs: number;
  /** at most one fetch per this interval, whatever the requests (unknown kids, failures) */
  cooldownMs: number;
  timeoutMs: number;
  now?: () => number;
  fetch?: typeof fetch;
  /** called on every fetch that failed (metrics, logs) */
  onFetchFailed?: (error: unknown, serving: boolean) => void;
}

type KeyLookup = ReturnType<typeof createLocalJWKSet>;

/**
 * The identity provider's keys, kept through its outages: the last good JWKS is served while
 * fetches fail (a stale set is refreshed in the background, requests never wait for it); a
 * token signed by an unknown key triggers one refresh (rotation), rate-limited by the cooldown.
 * Only when no key set was ever fetched does a request fail, with KeysUnavailableError.
 * jose selects and imports the keys; this class only decides when to fetch and what to keep.
 */
export class JwksKeyStore {
  private current?: { lookup: KeyLookup; fetchedAt: number };
  private inflight?: Promise<void>;
  private lastAttempt = Number.NEGATIVE_INFINITY;
  private readonly now: () => number;

  constructor(private readonly opts: JwksKeyStoreOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** The key function jose's jwtVerify takes. */
  readonly getKey = async (header: JWSHeaderParameters, token: FlattenedJWSInput) => {
    if (!this.current) await this.refresh();
    else if (this.now() - this.current.fetchedAt >= this.opts.refreshMs) void this.refresh().catch(() => undefined);
    if (!this.current) throw new KeysUnavailableError('the identity provider\'s signing keys cannot be fetched');
    try {
      return await this.current.lookup(header, token);
    } catch (e) {
      if (!(e instanceof errors.JWKSNoMatchingKey) || !this.mayFetch()) throw e;
      await this.refresh().catch(() => undefined);
      return this.current.lookup(header, token);
    }
  };

  private mayFetch(): boolean {
    return this.now() - this.lastAttempt >= this.opts.cooldownMs;
  }

  /** One fetch at a time; a failure keeps what we had. Rejects only when there is nothing to serve. */
  private refresh(): Promise<void> {
    if (!this.inflight && this.mayFetch()) {
      this.lastAttempt = this.now();
      this.inflight = this.fetchOnce().finally(() => (this.inflight = undefined));
    }
    return this.inflight ?? Promise.resolve();
  }

  private async fetchOnce(): Promise<void> {
    try {
      const res = await (this.opts.fetch ?? fetch)(this.opts.url, { signal: AbortSignal.timeout(this.opts.timeoutMs), headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`JWKS endpoint answered ${res.status}`);
      const jwks = (await res.json()) as JSONWebKeySet;
      if (!jwks || !Array.isArray(jwks.keys) || jwks.keys.length === 0) throw new Error('JWKS endpoint returned no keys');
      this.current = { lookup: createLocalJWKSet(jwks), fetchedAt: this.now() };
    } catch (e) {
      this.opts.onFetchFailed?.(e, this.current !== undefined);
      if (!this.current) throw new KeysUnavailableError('the identity provider\'s signing keys cannot be fetched', { cause: e });
    }
  }
}
