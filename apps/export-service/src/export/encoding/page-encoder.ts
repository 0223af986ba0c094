import { extname, join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { EncodedRecords } from '@housef3/package-format';
import type { MetricsService } from '@housef3/platform';
import { PermanentError, startWorker, TransientError } from '@housef3/platform/worker';
import type { Item } from '../user-data.reader';
import { EncodedPage, encodeTransactionResponse, invalidRecordMessage } from './record-codec';

/** A page of transactions as package text (see frameEntityFile), with the files they reference. */
export interface EncodedTransactions extends EncodedRecords {
  readonly fileIds: readonly string[];
}

/** An encoded page and where the query goes on from (DynamoDB's LastEvaluatedKey), if it does. */
export interface EncodedResponse {
  readonly page: EncodedTransactions;
  readonly lastKey?: Item;
}

export interface PageEncoderOptions {
  /** encode in a thread of its own (true), or on the caller's (false) */
  inWorker: boolean;
  /** the thread's old generation, MiB (a page is at most DynamoDB's 1 MB of items) */
  heapMb: number;
  /** its young generation, MiB: two semi-spaces of half that (startWorker), whatever the process's own */
  youngMb: number;
}

/** What goes to the thread, and what comes back (page-encoder.worker.ts). */
export interface PageRequest {
  id: number;
  /** the Query response's body as DynamoDB sent it (its buffer is moved, not copied) */
  body: Uint8Array;
  userId: string;
}
export type PageReply =
  | { t: 'ready' }
  | ({ id: number; heap?: ThreadHeap } & (
      | { t: 'page'; bytes: Uint8Array; count: number; fileIds: string[]; lastKey?: string }
      | { t: 'invalid'; problems: string[] }
      | { t: 'failed'; message: string }
    ));

/** The encoder thread's V8 heap in bytes, as it last reported it (with each answer). */
export interface ThreadHeap {
  /** the heap's size (what its spaces hold from the system) */
  total: number;
  /** what live and not yet collected objects take of it */
  used: number;
  /** memory outside the heap held by its objects (the buffers it has not yet moved or freed) */
  external: number;
}

const WORKER_ENTRY = join(__dirname, `page-encoder.worker${extname(__filename)}`);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns Query responses of a user's stored transactions, as DynamoDB sent them (queryPageBytes),
 * into package text: parsed, decoded, validated, canonical JSON (encodeTransactionResponse), by
 * default on a thread of its own. The export's reading (the SDK's requests) and the records'
 * parsing and encoding then each have a core: on one thread, the collection was bound by that
 * thread's CPU while DynamoDB waited (docs/benchmarks.md). Pages of several date ranges are encoded
 * as they arrive, in any order; the reader puts their texts back in order.
 *
 * One thread per replica, started with the service (its code loaded before the service answers
 * /health, so no export waits for it) and shared by its exports; it keeps no state between pages.
 * A thread that fails (an uncaught error, its heap exhausted) fails the pages it held with a
 * TransientError (the export is resumed) and the next page starts a new one.
 */
export class PageEncoder implements OnModuleInit, OnModuleDestroy {
  private thread: Thread | undefined;
  private nextId = 0;
  private lastHeap: ThreadHeap | undefined;

  constructor(private readonly options: PageEncoderOptions) {}

  /** Starts the thread and waits until its code is loaded. */
  async onModuleInit(): Promise<void> {
    if (this.options.inWorker) await this.running().ready;
  }

  /**
   * The page's text and the key of the next page. A record that cannot be exported rejects with
   * EXPORT_INVALID_RECORD. `body` is moved to the encoder's thread: the caller must not use it after.
   */
  encode(body: Uint8Array, userId: string): Promise<EncodedResponse> {
    if (!this.options.inWorker) {
      try {
        const { page, lastKey } = encodeTransactionResponse(utf8.decode(body), userId);
        return Promise.resolve(answer(page, Buffer.from(page.ok ? page.text : '', 'utf8'), lastKey));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    // only a buffer of its own is moved (a view into a shared one, such as Node's pool, is copied)
    const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? body : body.slice();
    const thread = this.running();
    const id = (this.nextId += 1);
    return new Promise<EncodedResponse>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      try {
        thread.worker.postMessage({ id, body: own, userId } satisfies PageRequest, [own.buffer as ArrayBuffer]);
      } catch (error) {
        thread.pending.delete(id);
        reject(error);
      }
    });
  }

  /** The thread's heap as of its last answer (none before its first page, or when encoding on the caller's thread). */
  threadHeap(): ThreadHeap | undefined {
    return this.lastHeap;
  }

  async onModuleDestroy(): Promise<void> {
    const thread = this.thread;
    if (!thread) return;
    this.thread = undefined;
    for (const call of thread.pending.values()) call.reject(new TransientError('the service is stopping'));
    thread.pending.clear();
    await thread.worker.terminate().catch(() => undefined);
  }

  private running(): Thread {
    if (this.thread) return this.thread;
    const { worker } = startWorker(WORKER_ENTRY, {}, { heapMb: this.options.heapMb, youngMb: this.options.youngMb });
    let loaded!: () => void;
    let failed!: (error: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      loaded = resolve;
      failed = reject;
    });
    ready.catch(() => undefined);
    const thread: Thread = { worker, pending: new Map<number, Pending>(), ready };
    this.thread = thread;
    worker.on('message', (reply: PageReply) => {
      if (reply.t === 'ready') {
        // loaded: from now on the thread must not keep the process alive on shutdown (while it
        // loads, it must, or a service waiting for it at boot would find nothing to wait on)
        worker.unref();
        return loaded();
      }
      if (reply.heap) this.lastHeap = reply.heap;
      const call = thread.pending.get(reply.id);
      if (!call) return;
      thread.pending.delete(reply.id);
      if (reply.t === 'page') {
        const bytes = Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength);
        call.resolve({ page: { bytes, count: reply.count, fileIds: reply.fileIds }, ...(reply.lastKey !== undefined && { lastKey: JSON.parse(reply.lastKey) as Item }) });
      } else if (reply.t === 'invalid') call.reject(invalidRecord(reply.problems));
      else call.reject(new Error(`encoding a page of transactions failed: ${reply.message}`));
    });
    const ended = (why: string) => {
      if (this.thread === thread) {
        this.thread = undefined;
        this.lastHeap = undefined;
      }
      const error = new TransientError(`the page encoder's thread ${why}; the export is resumed`);
      failed(error);
      for (const call of thread.pending.values()) call.reject(error);
      thread.pending.clear();
    };
    worker.on('error', (error: Error & { code?: string }) => ended(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `ran out of its ${this.options.heapMb} MiB heap` : `failed (${error.message})`));
    worker.on('exit', (code) => ended(`ended (exit code ${code})`));
    return thread;
  }
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  /** settled once the thread has loaded its code (or failed to) */
  ready: Promise<void>;
}

interface Pending {
  resolve(answer: EncodedResponse): void;
  reject(error: Error): void;
}

function answer(page: EncodedPage, bytes: Uint8Array, lastKey: string | undefined): EncodedResponse {
  if (!page.ok) throw invalidRecord(page.problems);
  return { page: { bytes, count: page.count, fileIds: page.fileIds }, ...(lastKey !== undefined && { lastKey: JSON.parse(lastKey) as Item }) };
}

function invalidRecord(problems: readonly string[]): PermanentError {
  return new PermanentError('EXPORT_INVALID_RECORD', invalidRecordMessage('transactions', problems));
}

/** Shows the encoder thread's heap on /metrics as `housef3_export_encoder_heap_bytes` (docs/operations.md). */
export function exposeEncoderHeap(metrics: MetricsService, encoder: PageEncoder): void {
  metrics.gauge('housef3_export_encoder_heap_bytes', "The export encoder thread's V8 heap as of its last page: total, used, external.", ['kind'], (gauge) => {
    const heap = encoder.threadHeap();
    gauge.reset();
    if (!heap) return;
    gauge.set({ kind: 'total' }, heap.total);
    gauge.set({ kind: 'used' }, heap.used);
    gauge.set({ kind: 'external' }, heap.external);
  });
}
