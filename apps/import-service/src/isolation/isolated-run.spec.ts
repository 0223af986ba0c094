import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { isRetriable, PermanentError } from '@housef3/platform';
import type { FixtureInput } from '../testing/isolated.fixture-worker';
import { IsolatedRunOptions, IsolatedStopped, runIsolated, Transfer } from './isolated-run';

const ENTRY = join(__dirname, '..', 'testing', 'isolated.fixture-worker.ts');

function run(input: FixtureInput, options: Partial<IsolatedRunOptions> = {}): Promise<unknown> {
  return runIsolated(ENTRY, input, { heapMb: 32, shouldStop: () => false, outOfMemoryCode: 'FIXTURE_OUT_OF_MEMORY', what: 'the fixture', ...options });
}

describe('runIsolated (a real worker thread with a capped heap)', () => {
  jest.setTimeout(60_000);

  it('returns what the work returned', async () => {
    await expect(run({ do: 'echo', value: { a: [1, 'two'], big: '9007199254740993' } })).resolves.toEqual({ echoed: { a: [1, 'two'], big: '9007199254740993' } });
  });

  it('turns a worker that runs out of its heap into a permanent error with the given code; this process goes on', async () => {
    const before = process.memoryUsage().heapUsed;
    const error = await run({ do: 'hog' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).code).toBe('FIXTURE_OUT_OF_MEMORY');
    expect((error as Error).message).toBe('the fixture needed more than its 32 MiB of memory and was stopped');
    // the hog's hundreds of MiB were never this isolate's
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
    await expect(run({ do: 'echo', value: 'still here' })).resolves.toEqual({ echoed: 'still here' });
  });

  it('keeps a permanent error permanent, with its code and message', async () => {
    const error = await run({ do: 'permanent' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code: 'SOMETHING_WRONG', message: 'the input is wrong in a way no retry fixes' });
  });

  it('keeps a transient error retriable', async () => {
    const error = await run({ do: 'transient' }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(PermanentError);
    expect(isRetriable(error)).toBe(true);
    expect((error as Error).message).toBe('the store was busy');
  });

  it('carries progress out and a stop in: the work stops at its next check', async () => {
    const counts: number[] = [];
    let stoppedAt = 0;
    const shouldStop = (): boolean => {
      if ((counts.at(-1) ?? 0) < 200) return false;
      stoppedAt ||= Date.now();
      return true;
    };
    const done = run({ do: 'count_until_stopped' }, { pollMs: 20, onCount: (n) => counts.push(n), shouldStop });
    await expect(done).rejects.toBeInstanceOf(IsolatedStopped);
    // honoured at the next check, not by the grace period's termination
    expect(Date.now() - stoppedAt).toBeLessThan(1000);
    expect(counts.length).toBeGreaterThan(2);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.at(-1)! % 10).toBe(0);
  });

  it('ignores what a worker asked to stop still tells, and ends as stopped', async () => {
    const told: number[] = [];
    const done = run({ do: 'notify_until_stopped' }, { pollMs: 10, shouldStop: () => told.length >= 50, host: { sink: (n: number) => told.push(n) } });
    await expect(done).rejects.toBeInstanceOf(IsolatedStopped);
    expect(told).toEqual([...Array(told.length).keys()]);
  });

  it('answers a worker\'s calls with the host function\'s value, moved buffers included, and rethrows its errors classified', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    await expect(run({ do: 'call', name: 'piece', arg: 2 }, { host: { piece: (n: number) => new Transfer(bytes.subarray(0, n).slice(), []) } })).resolves.toEqual(new Uint8Array([1, 2]));
    // (a Map made outside jest's sandbox: compared by its entries)
    const owners = await run({ do: 'call', name: 'owners', arg: ['a', 'b'] }, { host: { owners: async (ids: string[]) => new Map(ids.map((id) => [id, `owner-of-${id}`])) } });
    expect([...(owners as Map<string, string>)]).toEqual([['a', 'owner-of-a'], ['b', 'owner-of-b']]);
    const permanent = await run({ do: 'call', name: 'fails', arg: null }, { host: { fails: () => Promise.reject(new PermanentError('PACKAGE_CHANGED', 'not the pinned package')) } }).catch((e: unknown) => e);
    expect(permanent).toBeInstanceOf(PermanentError);
    expect(permanent).toMatchObject({ code: 'PACKAGE_CHANGED', message: 'not the pinned package' });
    const throttled = await run({ do: 'call', name: 'busy', arg: null }, { host: { busy: () => Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' })) } }).catch((e: unknown) => e);
    expect(isRetriable(throttled)).toBe(true);
    await expect(run({ do: 'call', name: 'nothing', arg: null })).rejects.toThrow('no host function nothing');
  });

  it('terminates work that does not honour a stop within the grace period', async () => {
    let stop = false;
    const started = Date.now();
    const done = run({ do: 'ignore_stop' }, { pollMs: 20, graceMs: 300, shouldStop: () => stop });
    setTimeout(() => (stop = true), 200);
    await expect(done).rejects.toBeInstanceOf(IsolatedStopped);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('gives the worker the heap it asks for even when this process runs with --max-old-space-size and --max-semi-space-size (which V8 would apply to every isolate); this process keeps its own', () => {
    const script = join(__dirname, '..', 'testing', 'isolated-heap-limit.main.ts');
    const runTs = join(__dirname, '..', '..', '..', '..', 'tools', 'run-ts.cjs');
    const out = execFileSync(process.execPath, ['--max-old-space-size=512', '--max-semi-space-size=4', runTs, script], { encoding: 'utf8' });
    const { mainBefore, workers, mainAfter, mainSemiSpaceMb } = JSON.parse(out.trim().split('\n').pop()!) as {
      mainBefore: number; workers: { limitMb: number; semiSpaceMb: number }[]; mainAfter: number; mainSemiSpaceMb: number;
    };
    expect(mainBefore).toBeGreaterThanOrEqual(512);
    expect(mainAfter).toBe(mainBefore);
    expect(mainSemiSpaceMb).toBe(4);
    expect(workers).toHaveLength(2);
    for (const { limitMb, semiSpaceMb } of workers) {
      // 16 MiB asked for, plus the TypeScript headroom of a worker running sources, plus its young generation: far from 512
      expect(limitMb).toBeLessThan(16 + 96 + 32);
      // a 16 MiB young generation: semi-spaces of 8 MiB, not the process's 4
      expect(semiSpaceMb).toBe(8);
    }
  });

  it('reports a worker that exits without an answer', async () => {
    await expect(run({ do: 'exit' })).rejects.toThrow('the fixture ended without an answer (worker exit code 3)');
  });
});
