import { parentPort, workerData } from 'node:worker_threads';
import { isRetriable, PermanentError, startWorker } from '@housef3/platform/worker';

/**
 * Runs one piece of untrusted work (today: validating an uploaded package) in a worker thread of
 * its own, with its own V8 heap capped by `resourceLimits`. When the work runs out of that heap,
 * V8 ends the worker, not the process: the caller gets a PermanentError with `outOfMemoryCode`,
 * and every other job of the replica goes on. Between the two threads:
 * - the input goes in once (structured clone), the result or a description of the error comes
 *   back once;
 * - the worker reaches the outside world only through the caller's `host` functions (`ctx.call`
 *   waits for an answer, `ctx.notify` does not): it needs no credentials and no network clients
 *   of its own;
 * - a shared counter carries progress and a shared flag asks the work to stop; the caller polls
 *   both every `pollMs`, and host functions refuse to serve a worker asked to stop;
 * - a stop asked for and not honoured within `graceMs` terminates the worker.
 * Errors cross both ways as descriptions that keep what classification needs (permanent with its
 * code, retriable or not, a stop). The worker side is `serveIsolated` (the module that calls it
 * is the worker's entry file).
 */
export interface IsolatedRunOptions {
  /** heap ceiling of the worker's old generation, MiB */
  heapMb: number;
  /** its young generation, MiB (default 16) */
  youngMb?: number;
  /** how often the progress counter and the stop condition are looked at, ms (default 200) */
  pollMs?: number;
  /** how long a stop may take before the worker is terminated, ms (default 5000) */
  graceMs?: number;
  /** polled: true once the work must stop (the lease was lost, the user cancelled, the service stops) */
  shouldStop(): boolean;
  /** called with the counter's value whenever it moved */
  onCount?(count: number): void;
  /** the code of the PermanentError thrown when the worker runs out of its heap */
  outOfMemoryCode: string;
  /** what ran out of memory, for the message ("validating the package") */
  what: string;
  /** what the worker may ask of this side, by name; a returned `Transfer` moves its buffers instead of copying them */
  host?: Record<string, (arg: never) => unknown>;
}

/** A host function's answer whose buffers are moved to the worker, not copied. */
export class Transfer<T> {
  constructor(readonly value: T, readonly list: ArrayBuffer[]) {}
}

/** The work stopped because it was asked to (the caller knows why). */
export class IsolatedStopped extends Error {
  constructor() {
    super('the isolated work stopped on request');
    this.name = 'IsolatedStopped';
  }
}

/** How an error crosses from the worker: enough to classify it the same way on this side. */
interface ErrorDescription {
  stopped: boolean;
  permanent: boolean;
  retriable: boolean;
  name: string;
  message: string;
  code?: string;
}

type Outcome<T> = { t: 'done'; ok: true; value: T } | { t: 'done'; ok: false; error: ErrorDescription };
type Call = { t: 'call'; id: number; name: string; arg: unknown } | { t: 'notify'; name: string; arg: unknown };
type Reply = { t: 'reply'; id: number; ok: true; value: unknown } | { t: 'reply'; id: number; ok: false; error: ErrorDescription };

interface IsolatedWorkerData<I> {
  shared: SharedArrayBuffer;
  input: I;
}

export function runIsolated<I, O>(entry: string, input: I, options: IsolatedRunOptions): Promise<O> {
  const shared = new SharedArrayBuffer(16);
  const stop = new Int32Array(shared, 0, 1);
  const counter = new BigInt64Array(shared, 8, 1);
  const data: IsolatedWorkerData<I> = { shared, input };
  const { worker } = startWorker(entry, data, { heapMb: options.heapMb, youngMb: options.youngMb ?? 16 });
  return new Promise<O>((resolve, reject) => {
    let settled = false;
    let lastCount = 0n;
    let stopAskedAt: number | undefined;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      // the work is over either way: the caller hears of it once the worker and its heap are gone,
      // so a caller that bounds its workers never has one more alive than it counts
      void worker.terminate().catch(() => undefined).finally(outcome);
    };
    const poll = (): void => {
      const count = Atomics.load(counter, 0);
      if (count !== lastCount) {
        lastCount = count;
        options.onCount?.(Number(count));
      }
      if (stopAskedAt === undefined && options.shouldStop()) {
        stopAskedAt = Date.now();
        Atomics.store(stop, 0, 1);
      }
      if (stopAskedAt !== undefined && Date.now() - stopAskedAt > (options.graceMs ?? 5000)) finish(() => reject(new IsolatedStopped()));
    };
    const timer = setInterval(poll, options.pollMs ?? 200);
    const serve = (name: string, arg: unknown): unknown => {
      if (stopAskedAt !== undefined) throw new StopRequested();
      const fn = options.host?.[name];
      if (!fn) throw new Error(`no host function ${name}`);
      return (fn as (arg: unknown) => unknown)(arg);
    };
    worker.on('message', (message: Outcome<O> | Call) => {
      if (message.t === 'call') {
        const { id } = message;
        Promise.resolve()
          .then(() => serve(message.name, message.arg))
          .then(
            (value) => {
              if (settled) return;
              if (value instanceof Transfer) worker.postMessage({ t: 'reply', id, ok: true, value: value.value } satisfies Reply, value.list);
              else worker.postMessage({ t: 'reply', id, ok: true, value } satisfies Reply);
            },
            (error: unknown) => {
              if (!settled) worker.postMessage({ t: 'reply', id, ok: false, error: describe(error) } satisfies Reply);
            },
          );
        return;
      }
      if (message.t === 'notify') {
        // a worker asked to stop has nothing more to tell (its work is abandoned)
        if (stopAskedAt !== undefined) return;
        try {
          serve(message.name, message.arg);
        } catch (error) {
          // a notification the host cannot take ends the work: what it carried would be lost
          finish(() => reject(error));
        }
        return;
      }
      poll();
      finish(() => (message.ok ? resolve(message.value) : reject(rebuild(message.error))));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      finish(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new PermanentError(options.outOfMemoryCode, `${options.what} needed more than its ${options.heapMb} MiB of memory and was stopped`, { cause: error })
        : error));
    });
    worker.on('exit', (code) => {
      finish(() => reject(stopAskedAt !== undefined ? new IsolatedStopped() : new Error(`${options.what} ended without an answer (worker exit code ${code})`)));
    });
  });
}

/** The counterpart in the worker: runs `work` on the input and sends its outcome back. */
export function serveIsolated<I, O>(work: (input: I, ctx: IsolatedContext) => Promise<O>): void {
  if (!parentPort) throw new Error('serveIsolated runs in a worker started by runIsolated');
  const port = parentPort;
  const data = workerData as IsolatedWorkerData<I>;
  const stop = new Int32Array(data.shared, 0, 1);
  const counter = new BigInt64Array(data.shared, 8, 1);
  let nextId = 0;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  port.on('message', (reply: Reply) => {
    const call = pending.get(reply.id);
    if (!call) return;
    pending.delete(reply.id);
    if (reply.ok) call.resolve(reply.value);
    else call.reject(rebuild(reply.error));
  });
  const ctx: IsolatedContext = {
    call: <T>(name: string, arg: unknown) =>
      new Promise<T>((resolve, reject) => {
        const id = (nextId += 1);
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        port.postMessage({ t: 'call', id, name, arg } satisfies Call);
      }),
    notify: (name, arg) => port.postMessage({ t: 'notify', name, arg } satisfies Call),
    count: (n) => void Atomics.add(counter, 0, BigInt(n)),
    check: () => {
      if (Atomics.load(stop, 0) !== 0) throw new StopRequested();
    },
  };
  work(data.input, ctx).then(
    (value) => port.postMessage({ t: 'done', ok: true, value } satisfies Outcome<O>),
    (error: unknown) => port.postMessage({ t: 'done', ok: false, error: describe(error) } satisfies Outcome<O>),
  );
}

export interface IsolatedContext {
  /** asks a host function, and waits for its answer (its errors are rethrown here, classified the same) */
  call<T>(name: string, arg: unknown): Promise<T>;
  /** tells a host function something, without waiting (in order with calls) */
  notify(name: string, arg: unknown): void;
  /** adds to the shared progress counter */
  count(n: number): void;
  /** throws once the caller asked the work to stop */
  check(): void;
}

class StopRequested extends Error {
  constructor() {
    super('stop requested');
    this.name = 'StopRequested';
  }
}

function describe(error: unknown): ErrorDescription {
  let stopped = false;
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) if (e instanceof StopRequested || e instanceof IsolatedStopped) stopped = true;
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as { code?: unknown }).code;
  return { stopped, permanent: e instanceof PermanentError, retriable: isRetriable(e), name: e.name, message: e.message, ...(typeof code === 'string' && { code }) };
}

/** This side's error for the worker's: permanent stays permanent with its code, retriable stays retriable. */
function rebuild(d: ErrorDescription): Error {
  if (d.stopped) return new IsolatedStopped();
  if (d.permanent) return new PermanentError(d.code ?? 'IMPORT_FAILED', d.message);
  return Object.assign(new Error(d.message), { name: d.name, retriable: d.retriable, ...(d.code !== undefined && { code: d.code }) });
}
