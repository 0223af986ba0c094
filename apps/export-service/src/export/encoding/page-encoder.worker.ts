/*
 * The page encoder's thread (started by PageEncoder): turns pages of stored transactions into
 * package text, one message at a time, and sends the text back as UTF-8 bytes whose buffer is
 * moved, not copied. It holds nothing between pages and reaches nothing outside: no AWS client,
 * no job, no credentials.
 */
import { parentPort } from 'node:worker_threads';
import type { Item } from '../user-data.reader';
import { encodeTransactionPage } from './record-codec';
import type { PageReply, PageRequest } from './page-encoder';

const port = parentPort;
if (!port) throw new Error('page-encoder.worker runs in a worker thread started by PageEncoder');
const utf8 = new TextEncoder();

port.on('message', (request: PageRequest) => {
  let reply: PageReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const page = encodeTransactionPage(JSON.parse(request.items) as Item[]);
    if (page.ok) {
      const bytes = utf8.encode(page.text);
      reply = { id: request.id, t: 'page', bytes, count: page.count, fileIds: page.fileIds };
      transfer = [bytes.buffer as ArrayBuffer];
    } else {
      reply = { id: request.id, t: 'invalid', problems: page.problems };
    }
  } catch (error) {
    reply = { id: request.id, t: 'failed', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  port.postMessage(reply, transfer);
});
