/**
 * Reads several sources of pages at once and yields their items in source order: source 0's
 * items first, then source 1's, and so on. Up to `concurrency` sources are read at the same time,
 * each at most `ahead` pages beyond what was consumed, so memory stays at about
 * concurrency x (ahead + 1) pages whatever the sources' sizes. When the consumer stops early (an
 * error, an abort), every source is stopped too.
 */
export async function* readInOrder<T>(sources: readonly (() => AsyncIterable<T[]>)[], concurrency: number, ahead: number): AsyncGenerator<T> {
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
        const page = await lanes[i].next();
        if (page === undefined) break;
        for (const item of page) yield item;
      }
      start(i + concurrency);
    }
  } finally {
    stopped = true;
    for (const lane of lanes) lane?.wake();
  }
}

/** One source being read ahead into a bounded queue of pages. */
class Lane<T> {
  private readonly pages: T[][] = [];
  private done = false;
  private failure: { error: unknown } | undefined;
  private waiter: (() => void) | undefined;

  constructor(private readonly ahead: number, private readonly stopped: () => boolean) {}

  async fill(source: () => AsyncIterable<T[]>): Promise<void> {
    try {
      for await (const page of source()) {
        if (this.stopped()) return;
        this.pages.push(page);
        this.wake();
        while (this.pages.length >= this.ahead && !this.stopped()) await this.wait();
        if (this.stopped()) return;
      }
    } catch (error) {
      this.failure = { error };
    } finally {
      this.done = true;
      this.wake();
    }
  }

  /** The next page, or undefined when the source is exhausted. */
  async next(): Promise<T[] | undefined> {
    for (;;) {
      const page = this.pages.shift();
      if (page !== undefined) {
        this.wake();
        return page;
      }
      if (this.failure) throw this.failure.error;
      if (this.done) return undefined;
      await this.wait();
    }
  }

  wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  private wait(): Promise<void> {
    return new Promise((r) => (this.waiter = r));
  }
}
