/**
 * Reads several sources of pages at once and yields what `transform` makes of each page, in
 * source order: source 0's pages first, then source 1's, and so on. Up to `concurrency` sources
 * are read at the same time, each at most `ahead` pages beyond what was consumed. Each page is
 * handed to `transform` as soon as it is read, whatever its source (the transforms of several
 * sources run at the same time); what waits for its turn is the transform's result. A source
 * reads its next page while its last one is being transformed, not further: memory holds at
 * most about 2 x concurrency pages as read and concurrency x ahead results, whatever the
 * sources' sizes. When the consumer stops early (an error, an abort), every source is stopped too.
 */
export async function* readPagesInOrder<T, U>(sources: readonly (() => AsyncIterable<T[]>)[], concurrency: number, ahead: number, transform: (page: T[]) => Promise<U>): AsyncGenerator<U> {
  const lanes: Lane<T, U>[] = [];
  let stopped = false;
  const start = (i: number) => {
    if (i >= sources.length || lanes[i]) return;
    const lane = new Lane<T, U>(ahead, () => stopped, transform);
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

/** One source being read ahead into a bounded queue of transformed pages. */
class Lane<T, U> {
  private readonly results: Promise<U>[] = [];
  /** pages handed to the transform whose result is not there yet */
  private transforming = 0;
  private done = false;
  private failure: { error: unknown } | undefined;
  /** the reader and the consumer, each waiting for the other (both re-check when woken) */
  private waiters: (() => void)[] = [];

  constructor(private readonly ahead: number, private readonly stopped: () => boolean, private readonly transform: (page: T[]) => Promise<U>) {}

  async fill(source: () => AsyncIterable<T[]>): Promise<void> {
    try {
      for await (const page of source()) {
        if (this.stopped()) return;
        const result = this.transform(page);
        this.transforming += 1;
        // a failed transform is reported when its turn comes (next), not as an unhandled rejection
        void result.catch(() => undefined).finally(() => {
          this.transforming -= 1;
          this.wake();
        });
        this.results.push(result);
        this.wake();
        while ((this.results.length >= this.ahead || this.transforming > 1) && !this.stopped()) await this.wait();
        if (this.stopped()) return;
      }
    } catch (error) {
      this.failure = { error };
    } finally {
      this.done = true;
      this.wake();
    }
  }

  /** The next page's result, or done when the source is exhausted. */
  async next(): Promise<IteratorResult<U, undefined>> {
    for (;;) {
      const result = this.results.shift();
      if (result !== undefined) {
        this.wake();
        return { done: false, value: await result };
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
