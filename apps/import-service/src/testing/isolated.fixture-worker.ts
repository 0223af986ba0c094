/** A worker for isolated-run.spec.ts: does what its input says. */
import { getHeapStatistics } from 'node:v8';
import { PermanentError, TransientError } from '@housef3/platform/worker';
import { serveIsolated } from '../isolation/isolated-run';
import { grownSemiSpaceMb } from './semi-space';

export type FixtureInput =
  | { do: 'echo'; value: unknown }
  | { do: 'hog' }
  | { do: 'permanent' }
  | { do: 'transient' }
  | { do: 'count_until_stopped' }
  | { do: 'notify_until_stopped' }
  | { do: 'call'; name: string; arg: unknown }
  | { do: 'ignore_stop' }
  | { do: 'exit' }
  | { do: 'heap_limit' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

serveIsolated<FixtureInput, unknown>(async (input, ctx) => {
  switch (input.do) {
    case 'echo':
      return { echoed: input.value };
    case 'hog': {
      const kept: string[][] = [];
      for (;;) {
        kept.push(Array.from({ length: 100_000 }, (_, i) => `${i}-${kept.length}-some text to take room`));
        await sleep(0);
      }
    }
    case 'permanent':
      throw new PermanentError('SOMETHING_WRONG', 'the input is wrong in a way no retry fixes');
    case 'transient':
      throw new TransientError('the store was busy');
    case 'count_until_stopped':
      for (;;) {
        ctx.check();
        ctx.count(10);
        await sleep(5);
      }
    case 'notify_until_stopped':
      for (let n = 0; ; n += 1) {
        ctx.notify('sink', n);
        ctx.check();
        await sleep(1);
      }
    case 'call':
      return ctx.call(input.name, input.arg);
    case 'ignore_stop':
      for (;;) await sleep(50);
    case 'exit':
      return process.exit(3);
    case 'heap_limit':
      return { limitMb: getHeapStatistics().heap_size_limit / (1024 * 1024), semiSpaceMb: grownSemiSpaceMb() };
  }
  return undefined;
});
