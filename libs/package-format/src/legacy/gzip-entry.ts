import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { PackageError, messageOf } from '../errors';
import type { PackageLimits } from '../limits';

/**
 * Inflates a gzip member stored inside a ZIP entry (HouseF3 writes data/*.json.gz), as a stream,
 * under the same caps as any entry: it stops the moment the output passes maxEntryBytes, or
 * passes compressionRatioMinBytes while expanding more than maxCompressionRatio times the gzip
 * bytes (a gzip bomb hides behind the ZIP's honest sizes: the ZIP only sees the small .gz).
 * Corrupt gzip data is ENTRY_CORRUPT naming the entry.
 */
export function gunzipEntry(gz: Readable, entry: string, gzipBytes: number, limits: PackageLimits): Readable {
  const gunzip = createGunzip();
  const guard = new GzipGuard(entry, gzipBytes, limits);
  gz.on('error', (error: Error) => guard.destroy(error));
  gunzip.on('error', (error: Error) =>
    guard.destroy(new PackageError('ENTRY_CORRUPT', `entry ${JSON.stringify(entry)} is not valid gzip data (${messageOf(error)}); the backup is damaged`, { entry, cause: error })),
  );
  guard.on('close', () => {
    gz.destroy();
    gunzip.destroy();
  });
  gz.pipe(gunzip).pipe(guard);
  return guard;
}

class GzipGuard extends Transform {
  private bytes = 0;

  constructor(
    private readonly entry: string,
    private readonly gzipBytes: number,
    private readonly limits: PackageLimits,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    const { maxEntryBytes, maxCompressionRatio, compressionRatioMinBytes } = this.limits;
    const shown = JSON.stringify(this.entry);
    if (this.bytes > maxEntryBytes) {
      callback(
        new PackageError('LIMIT_ENTRY_SIZE', `entry ${shown} unpacks (gunzip) to more than ${maxEntryBytes} bytes (maxEntryBytes); reading was stopped`, {
          entry: this.entry,
          details: { atLeast: this.bytes, limit: maxEntryBytes },
        }),
      );
      return;
    }
    if (this.bytes >= compressionRatioMinBytes && this.bytes > this.gzipBytes * maxCompressionRatio) {
      callback(
        new PackageError(
          'LIMIT_COMPRESSION_RATIO',
          `entry ${shown}: its gzip data expands more than ${maxCompressionRatio} times (${this.gzipBytes} gzip bytes -> over ${this.bytes} bytes, maxCompressionRatio); this is how gzip bombs look, so reading was stopped`,
          { entry: this.entry, details: { compressed: this.gzipBytes, atLeast: this.bytes, limit: maxCompressionRatio } },
        ),
      );
      return;
    }
    callback(null, chunk);
  }
}
