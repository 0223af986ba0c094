import { extname, join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { OnModuleDestroy } from '@nestjs/common';
import type { EncodedRecords } from '@housef3/package-format';
import { PermanentError, startWorker, TransientError } from '@housef3/platform/worker';
import type { Item } from '../user-data.reader';
import { encodeTransactionPage, invalidRecordMessage } from './record-codec';

/** A page of transactions as package text (see frameEntityFile), with the files they reference. */
export interface EncodedTransactions extends EncodedRecords {
  readonly fileIds: readonly string[];
}

export interface PageEncoderOptions {
  /** encode in a thread of its own (true), or on the caller's (false) */
  inWorker: boolean;
  /** the thread's old generation, MiB (a page is at most DynamoDB's 1 MB of items) */
  heapMb: number;
  /** its young generation, MiB */
  youngMb: number;
  /** the thread ends after this long without a page, ms (the next page starts it again) */
  idleMs: number;
}

/** What goes to the thread, and what comes back (page-encoder.worker.ts). */
export interface PageRequest {
  id: number;
  /** the page's items as JSON text: V8's structured clone of the same objects costs 1.5 times JSON.stringify here and 1.6 times JSON.parse there (measured) */
  items: string;
}
export type PageReply =
  | { id: number; t: 'page'; bytes: Uint8Array; count: number; fileIds: string[] }
  | { id: number; t: 'invalid'; problems: string[] }
  | { id: number; t: 'failed'; message: string };

const WORKER_ENTRY = join(__dirname, `page-encoder.worker${extname(__filename)}`);
const EMPTY: EncodedTransactions = { bytes: new Uint8Array(0), count: 0, fileIds: [] };

/**
 * Turns pages of a user's stored transactions into package text (decoded, validated, canonical
 * JSON: encodeTransactionPage), by default on a thread of its own. The export's reading (the AWS
 * SDK's requests and their parsing) and the records' encoding then each have a core: on one
 * thread, the collection was bound by that thread's CPU while DynamoDB waited
 * (docs/benchmarks.md). Pages of several date ranges are encoded as they arrive, in any order;
 * the reader puts their texts back in order.
 *
 * One thread per replica, shared by its exports; it keeps no state between pages. A thread that
 * fails (an uncaught error, its heap exhausted) fails the pages it held with a TransientError (the
 * export is resumed) and the next page starts a new one. An idle thread ends after `idleMs`.
 */
export class PageEncoder implements OnModuleDestroy {
  private thread: { worker: Worker; pending: Map<number, Pending> } | undefined;
  private nextId = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: PageEncoderOptions) {}

  /** The page's text; a record that cannot be exported rejects with EXPORT_INVALID_RECORD. */
  encode(items: readonly Item[]): Promise<EncodedTransactions> {
    if (items.length === 0) return Promise.resolve(EMPTY);
    if (!this.options.inWorker) {
      try {
        return Promise.resolve(fromPage(encodeTransactionPage(items)));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    const thread = this.running();
    const id = (this.nextId += 1);
    return new Promise<EncodedTransactions>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      try {
        thread.worker.postMessage({ id, items: JSON.stringify(items) } satisfies PageRequest);
      } catch (error) {
        thread.pending.delete(id);
        reject(error);
      }
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop(new TransientError('the service is stopping'));
  }

  private running(): { worker: Worker; pending: Map<number, Pending> } {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.thread) return this.thread;
    const { worker } = startWorker(WORKER_ENTRY, {}, { heapMb: this.options.heapMb, youngMb: this.options.youngMb });
    const thread = { worker, pending: new Map<number, Pending>() };
    this.thread = thread;
    worker.on('message', (reply: PageReply) => {
      const call = thread.pending.get(reply.id);
      if (!call) return;
      thread.pending.delete(reply.id);
      if (reply.t === 'page') call.resolve({ bytes: Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength), count: reply.count, fileIds: reply.fileIds });
      else if (reply.t === 'invalid') call.reject(invalidRecord(reply.problems));
      else call.reject(new Error(`encoding a page of transactions failed: ${reply.message}`));
      if (thread.pending.size === 0 && this.thread === thread) this.idleTimer = setTimeout(() => void this.stop(), this.options.idleMs).unref();
    });
    const ended = (why: string) => {
      if (this.thread === thread) this.thread = undefined;
      const error = new TransientError(`the page encoder's thread ${why}; the export is resumed`);
      for (const call of thread.pending.values()) call.reject(error);
      thread.pending.clear();
    };
    worker.on('error', (error: Error & { code?: string }) => ended(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `ran out of its ${this.options.heapMb} MiB heap` : `failed (${error.message})`));
    worker.on('exit', (code) => ended(`ended (exit code ${code})`));
    // an idle thread must not keep the process alive on shutdown
    worker.unref();
    return thread;
  }

  private async stop(reason?: Error): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const thread = this.thread;
    if (!thread) return;
    if (reason === undefined && thread.pending.size > 0) return;
    this.thread = undefined;
    for (const call of thread.pending.values()) call.reject(reason ?? new TransientError('the page encoder stopped'));
    thread.pending.clear();
    await thread.worker.terminate().catch(() => undefined);
  }
}

interface Pending {
  resolve(page: EncodedTransactions): void;
  reject(error: Error): void;
}

function fromPage(page: ReturnType<typeof encodeTransactionPage>): EncodedTransactions {
  if (!page.ok) throw invalidRecord(page.problems);
  return { bytes: Buffer.from(page.text, 'utf8'), count: page.count, fileIds: page.fileIds };
}

function invalidRecord(problems: readonly string[]): PermanentError {
  return new PermanentError('EXPORT_INVALID_RECORD', invalidRecordMessage('transactions', problems));
}
