/*
 * The page encoder's thread (started by PageEncoder): turns Query responses of stored transactions
 * into package text, one message at a time, and sends the text back as UTF-8 bytes whose buffer
 * is moved, not copied. It holds nothing between pages and reaches nothing outside: no AWS client,
 * no job, no credentials.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { encodeTransactionResponse } from './record-codec';
import type { PageReply, PageRequest, ThreadHeap } from './page-encoder';

const port = parentPort;
if (!port) throw new Error('page-encoder.worker runs in a worker thread started by PageEncoder');
const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

port.on('message', (request: PageRequest) => {
  let reply: PageReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const { page, lastKey } = encodeTransactionResponse(decoder.decode(request.body), request.userId);
    if (page.ok) {
      const bytes = encoder.encode(page.text);
      reply = { id: request.id, t: 'page', bytes, count: page.count, fileIds: page.fileIds, ...(lastKey !== undefined && { lastKey }) };
      transfer = [bytes.buffer as ArrayBuffer];
    } else {
      reply = { id: request.id, t: 'invalid', problems: page.problems };
    }
  } catch (error) {
    reply = { id: request.id, t: 'failed', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  port.postMessage({ ...reply, heap: heap() }, transfer);
});

/** This thread's heap, sent with every answer: the service's metrics show it (a thread's heap is not in the process's own figures). */
function heap(): ThreadHeap {
  const h = getHeapStatistics();
  return { total: h.total_heap_size, used: h.used_heap_size, external: h.external_memory };
}
// loaded: the service may answer /health (PageEncoder.onModuleInit waits for this)
port.postMessage({ t: 'ready' } satisfies PageReply);
