/**
 * For isolated-run.spec.ts: run with `node --max-old-space-size=512 tools/run-ts.cjs <this>`;
 * prints the heap limits of a worker asked for 16 MiB and of this process, before and after.
 */
import { getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import { runIsolated } from '../isolation/isolated-run';

const MiB = 1024 * 1024;

void (async () => {
  const mainBefore = getHeapStatistics().heap_size_limit / MiB;
  const entry = join(__dirname, 'isolated.fixture-worker.ts');
  const options = { heapMb: 16, youngMb: 4, shouldStop: () => false, outOfMemoryCode: 'X', what: 'the fixture' };
  // two at once: the second is created while the first is not online yet
  const workers = await Promise.all([runIsolated<unknown, number>(entry, { do: 'heap_limit' }, options), runIsolated<unknown, number>(entry, { do: 'heap_limit' }, options)]);
  const mainAfter = getHeapStatistics().heap_size_limit / MiB;
  process.stdout.write(`${JSON.stringify({ mainBefore, workers, mainAfter })}\n`);
})();
