import { Clock, S3Presigner } from '@housef3/platform';
import { BoundedLru } from '../http/bounded-lru';

export interface CachedUrl {
  url: string;
  /** ms since the epoch */
  expiresAt: number;
}

/**
 * Presigned download URLs, reused until near their expiry. A completed export's status is polled
 * (and may be polled hard): signing a URL per request is work for nothing while the package and
 * its key are the same. A URL is handed out only while at least `minRemainingS` of its life is
 * left (so a client always has that long to use it); then a fresh one is signed. At most
 * `maxEntries` URLs are kept, the least recently used going first.
 */
export class DownloadUrlCache {
  private readonly entries: BoundedLru<string, CachedUrl>;

  constructor(
    private readonly presigner: S3Presigner,
    private readonly clock: Clock,
    private readonly ttlS: number,
    private readonly minRemainingS = Math.min(120, Math.floor(ttlS / 2)),
    maxEntries = 10000,
  ) {
    this.entries = new BoundedLru(maxEntries);
  }

  async download(bucket: string, key: string, fileName: string): Promise<CachedUrl> {
    const id = `${bucket}\n${key}\n${fileName}`;
    const now = this.clock.now().getTime();
    const hit = this.entries.get(id);
    if (hit && hit.expiresAt - now >= this.minRemainingS * 1000) return hit;
    const fresh = { url: await this.presigner.download(bucket, key, fileName, this.ttlS), expiresAt: now + this.ttlS * 1000 };
    this.entries.set(id, fresh);
    return fresh;
  }

  /** Forgets the URLs of `key` (the package is gone). */
  forget(bucket: string, key: string): void {
    for (const id of [...this.entries.keys()]) if (id.startsWith(`${bucket}\n${key}\n`)) this.entries.delete(id);
  }
}
