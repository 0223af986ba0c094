import type { Writable } from 'node:stream';

/**
 * Writes bytes to a stream in order, honouring backpressure, and counts them (the ZIP writer needs
 * the offset of every header). Fails instead of hanging when the consumer goes away.
 */
export class ByteSink {
  private written = 0;

  constructor(private readonly stream: Writable) {}

  /** Bytes written so far: the offset of the next byte in the output. */
  get offset(): number {
    return this.written;
  }

  async write(chunk: Buffer): Promise<void> {
    if (chunk.length === 0) return;
    this.written += chunk.length;
    if (this.stream.destroyed) throw new Error('the package output stream was closed before the package was complete');
    if (!this.stream.write(chunk)) await drained(this.stream);
  }

  end(): void {
    this.stream.end();
  }
}

/** Resolves on 'drain'; rejects when the stream errors or closes first. */
export function drained(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      stream.removeListener('drain', onDrain);
      stream.removeListener('error', onError);
      stream.removeListener('close', onClose);
    };
    const onDrain = (): void => {
      cleanup();
      resolve();
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onClose = (): void => {
      cleanup();
      reject(new Error('the stream closed while waiting for it to drain'));
    };
    stream.on('drain', onDrain);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}
