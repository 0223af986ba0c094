/**
 * Reads several sources at once and yields their results in source order: all of source 0's
 * first, then source 1's, and so on. Up to `concurrency` sources are read at the same time, each
 * at most `ahead` results beyond what was consumed, so memory stays at about
 * concurrency x (ahead + 1) results whatever the sources' sizes. When the consumer stops early
 * (an error, an abort), every source is stopped too.
 */
export async function* readInOrder<T>(sources: readonly (() => AsyncIterable<T>)[], concurrency: number, ahead: number): AsyncGenerator<T> {
  const lanes: Lane<T>[] = [];
  let stopped = false;
  const start = (i: number) => {
    if (i >= sources.length || lanes[i]) return;
    const lane = new Lane<T>(ahead, () => stopped);
    lanes[i] = lane;
    void lane.fill(sources[i]);
  };
  try {
    for (let i = 0; i < Math.min(concurrency, sources.length); i++) start(i);
    for (let i = 0; i < sources.length; i++) {
      start(i);
      for (;;) {
        const next = await lanes[i].next();
        if (next.done) break;
        yield next.value;
      }
      start(i + concurrency);
    }
  } finally {
    stopped = true;
    for (const lane of lanes) lane?.wake();
  }
}

/** One source being read ahead into a bounded queue. */
class Lane<T> {
  private readonly results: T[] = [];
  private done = false;
  private failure: { error: unknown } | undefined;
  /** the reader and the consumer, each waiting for the other (both re-check when woken) */
  private waiters: (() => void)[] = [];

  constructor(private readonly ahead: number, private readonly stopped: () => boolean) {}

  async fill(source: () => AsyncIterable<T>): Promise<void> {
    try {
      for await (const result of source()) {
        if (this.stopped()) return;
        this.results.push(result);
        this.wake();
        while (this.results.length >= this.ahead && !this.stopped()) await this.wait();
        if (this.stopped()) return;
      }
    } catch (error) {
      this.failure = { error };
    } finally {
      this.done = true;
      this.wake();
    }
  }

  /** The next result, or done when the source is exhausted. */
  async next(): Promise<IteratorResult<T, undefined>> {
    for (;;) {
      if (this.results.length > 0) {
        const value = this.results.shift() as T;
        this.wake();
        return { done: false, value };
      }
      if (this.failure) throw this.failure.error;
      if (this.done) return { done: true, value: undefined };
      await this.wait();
    }
  }

  wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private wait(): Promise<void> {
    return new Promise((r) => this.waiters.push(r));
  }
}
