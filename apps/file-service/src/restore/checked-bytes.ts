import { createHash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';
import { PermanentError } from '@housef3/platform';

/**
 * Passes bytes through while hashing and counting them, and fails the stream (so the upload it
 * feeds never completes) when they are not exactly `expected`: more bytes fail as soon as they
 * arrive, fewer or different ones at the end.
 */
export function checkedBytes(what: string, expected: { size: number; sha256: string }): Transform & { readonly sha256: () => string } {
  const hash = createHash('sha256');
  let size = 0;
  let digest = '';
  const stream = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      size += chunk.length;
      if (size > expected.size) return done(new PermanentError('SIZE_MISMATCH', `${what}: more than the expected ${expected.size} bytes`));
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done: TransformCallback) {
      digest = `sha256:${hash.digest('hex')}`;
      if (size !== expected.size) return done(new PermanentError('SIZE_MISMATCH', `${what}: ${size} bytes, expected ${expected.size}`));
      if (digest !== expected.sha256.toLowerCase()) return done(new PermanentError('CHECKSUM_MISMATCH', `${what}: checksum ${digest}, expected ${expected.sha256}`));
      done();
    },
  });
  return Object.assign(stream, { sha256: () => digest });
}
