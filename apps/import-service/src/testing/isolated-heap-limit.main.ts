/**
 * For isolated-run.spec.ts: run with `node --max-old-space-size=512 --max-semi-space-size=4
 * tools/run-ts.cjs <this>`; prints the heap limits and semi-spaces of two workers asked for a
 * 16 MiB old generation and a 16 MiB young one, and this process's, before and after.
 */
import { getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import { runIsolated } from '../isolation/isolated-run';
import { grownSemiSpaceMb } from './semi-space';

const MiB = 1024 * 1024;

void (async () => {
  const mainBefore = getHeapStatistics().heap_size_limit / MiB;
  const entry = join(__dirname, 'isolated.fixture-worker.ts');
  const options = { heapMb: 16, youngMb: 16, shouldStop: () => false, outOfMemoryCode: 'X', what: 'the fixture' };
  // two at once: the second is created while the first is not online yet
  type Heap = { limitMb: number; semiSpaceMb: number };
  const workers = await Promise.all([runIsolated<unknown, Heap>(entry, { do: 'heap_limit' }, options), runIsolated<unknown, Heap>(entry, { do: 'heap_limit' }, options)]);
  const mainAfter = getHeapStatistics().heap_size_limit / MiB;
  process.stdout.write(`${JSON.stringify({ mainBefore, workers, mainAfter, mainSemiSpaceMb: grownSemiSpaceMb() })}\n`);
})();
