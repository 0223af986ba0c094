/**
 * The pages of one source, read up to `ahead` pages beyond what was consumed. When the consumer
 * stops early, reading stops too.
 */
export async function* readAhead<P>(source: () => AsyncIterable<P>, ahead: number): AsyncGenerator<P> {
  let stopped = false;
  const lane = new Lane<P>(ahead, () => stopped);
  void lane.fill(source);
  try {
    for (let page = await lane.next(); page !== undefined; page = await lane.next()) yield page;
  } finally {
    stopped = true;
    lane.wake();
  }
}

/** One source being read ahead into a bounded queue of pages. */
class Lane<P> {
  private readonly pages: P[] = [];
  private done = false;
  private failure: { error: unknown } | undefined;
  private waiter: (() => void) | undefined;

  constructor(private readonly ahead: number, private readonly stopped: () => boolean) {}

  async fill(source: () => AsyncIterable<P>): Promise<void> {
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
  async next(): Promise<P | undefined> {
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
