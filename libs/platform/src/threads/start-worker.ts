import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';

/**
 * A worker thread's heap: its old generation and its young generation, MiB. V8 makes each of the
 * young generation's two semi-spaces half of `youngMb` (at most 16 MiB each).
 */
export interface WorkerHeap {
  heapMb: number;
  youngMb: number;
}

/** What startWorker adds to the worker's data: the entry to load, and the compile hook of TypeScript sources. */
export interface WorkerEntryData {
  entry: string;
  tsHook?: string;
  tsProject?: string;
}

/**
 * Heap added to the cap when the worker runs TypeScript sources (development, tests): the compile
 * hook and the sources it keeps with their inline source maps take some 30-60 MiB that compiled
 * code does not. The cap of compiled services (production, the compiled e2e tests) is as given.
 */
export const TYPESCRIPT_HEAP_MB = 96;

// The worker's first code: TypeScript sources (development, tests) need the same compile hook the
// parent was started with; compiled services load the entry's JavaScript directly.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.tsHook) {
  if (!process.env.SWC_NODE_PROJECT && workerData.tsProject) process.env.SWC_NODE_PROJECT = workerData.tsProject;
  require(workerData.tsHook);
}
require(workerData.entry);
`;

/**
 * Starts a worker thread on `entry` (a .js file of a compiled service, or a .ts source under the
 * compile hook) with `data` as its workerData (plus the entry's own fields), its heap capped as
 * asked. Returns the worker and the old-generation cap it really got (TypeScript sources get
 * TYPESCRIPT_HEAP_MB more).
 */
export function startWorker<D extends object>(entry: string, data: D, heap: WorkerHeap): { worker: Worker; heapMb: number } {
  const hook = typeScriptHook(entry);
  const heapMb = heap.heapMb + (hook.tsHook !== undefined ? TYPESCRIPT_HEAP_MB : 0);
  const workerData: D & WorkerEntryData = { ...data, entry, ...hook };
  const worker = withHeapFlags(heapMb, heap.youngMb, () => new Worker(BOOTSTRAP, {
    eval: true,
    workerData,
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: heap.youngMb },
    stdout: false,
    stderr: false,
  }));
  return { worker, heapMb };
}

/**
 * node's `--max-old-space-size` and `--max-semi-space-size` of this process (command line or
 * NODE_OPTIONS), if any. V8 applies them to every isolate it creates, a worker's `resourceLimits`
 * notwithstanding (nodejs/node#43991): with the image's `--max-old-space-size=128
 * --max-semi-space-size=4`, a worker would get a 128 MiB old generation and 4 MiB semi-spaces
 * whatever it asked for.
 */
const PROCESS_FLAGS = ((): { oldSpaceMb?: number; semiSpaceMb?: number } => {
  // in the order node hands them to V8 (NODE_OPTIONS, then the command line): the last one given wins
  // eslint-disable-next-line no-restricted-syntax -- node's own options, not the service's configuration
  const args = [process.env.NODE_OPTIONS ?? '', ...process.execArgv];
  const given = (pattern: RegExp): number | undefined => {
    const mb = args.flatMap((arg) => [...arg.matchAll(pattern)].map((m) => m[1])).at(-1);
    return mb === undefined ? undefined : Number(mb);
  };
  return { oldSpaceMb: given(/--max[-_]old[-_]space[-_]size[= ](\d+)/g), semiSpaceMb: given(/--max[-_]semi[-_]space[-_]size[= ](\d+)/g) };
})();

/** The semi-space V8 gives a worker whose `maxYoungGenerationSizeMb` is `youngMb`, when no flag overrides it. */
function semiSpaceMbOf(youngMb: number): number {
  return Math.max(1, Math.min(16, Math.floor(youngMb / 2)));
}

/**
 * Creates a worker whose heap really is what it asked for: when this process was started with
 * `--max-old-space-size` or `--max-semi-space-size`, each is set to the worker's own while its
 * isolate is created (on the worker's thread, before 'online'), then set back. An isolate reads
 * the flags once, when it is created: this process's own heap keeps its limits (tested in the
 * import-service's isolated-run.spec.ts).
 */
function withHeapFlags(oldMb: number, youngMb: number, create: () => Worker): Worker {
  const { oldSpaceMb, semiSpaceMb } = PROCESS_FLAGS;
  if (oldSpaceMb === undefined && semiSpaceMb === undefined) return create();
  const set = (old: number | undefined, semi: number | undefined): void => {
    if (old !== undefined) setFlagsFromString(`--max-old-space-size=${old}`);
    if (semi !== undefined) setFlagsFromString(`--max-semi-space-size=${semi}`);
  };
  set(oldSpaceMb === undefined ? undefined : oldMb, semiSpaceMb === undefined ? undefined : semiSpaceMbOf(youngMb));
  creating += 1;
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    creating -= 1;
    // workers still being created keep the flags they were created under
    if (creating === 0) set(oldSpaceMb, semiSpaceMb);
  };
  try {
    const worker = create();
    worker.once('online', restore);
    worker.once('exit', restore);
    return worker;
  } catch (error) {
    restore();
    throw error;
  }
}

/** Workers created and not yet online (their isolates may not exist yet). */
let creating = 0;

/** Development and tests run TypeScript: the worker registers the same compile hook. */
function typeScriptHook(entry: string): { tsHook?: string; tsProject?: string } {
  if (!entry.endsWith('.ts')) return {};
  let project: string | undefined;
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'tsconfig.base.json'))) {
      project = join(dir, 'tsconfig.base.json');
      break;
    }
  }
  return { tsHook: require.resolve('@swc-node/register'), ...(project !== undefined && { tsProject: project }) };
}
