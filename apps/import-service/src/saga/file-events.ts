import { Injectable } from '@nestjs/common';
import { MessageOf } from '@housef3/contracts';

type FileOutcome = MessageOf<'file.restored'> | MessageOf<'file.restore_failed'> | MessageOf<'file.restore_compensated'>;

/** Lets the saga wait (with a timeout) for the file-service's answer to one chunk. */
@Injectable()
export class FileEvents {
  private readonly waiting = new Map<string, (m: FileOutcome) => void>();

  wait(importId: string, kind: 'restore' | 'compensate', chunk: number, timeoutMs: number): Promise<FileOutcome> {
    const key = `${importId}:${kind}:${chunk}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        reject(new Error(`the file-service did not answer chunk ${chunk} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(key, (m) => {
        clearTimeout(timer);
        this.waiting.delete(key);
        resolve(m);
      });
    });
  }

  deliver(message: FileOutcome): void {
    const kind = message.type === 'file.restore_compensated' ? 'compensate' : 'restore';
    this.waiting.get(`${message.payload.importId}:${kind}:${message.payload.chunk}`)?.(message);
  }
}
