/**
 * A bounded queue between producers and one consumer: `push` waits while `capacity` items are
 * waiting, so parallel producers never run further ahead than the consumer allows.
 */
export class BoundedChannel<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private readonly waitingPush: (() => void)[] = [];
  private waitingPull?: () => void;
  private closed = false;
  private failure?: unknown;

  constructor(private readonly capacity: number) {}

  async push(item: T): Promise<void> {
    while (this.items.length >= this.capacity && !this.failure) await new Promise<void>((r) => this.waitingPush.push(r));
    if (this.failure) throw this.failure;
    this.items.push(item);
    this.wakePull();
  }

  close(): void {
    this.closed = true;
    this.wakePull();
  }

  fail(error: unknown): void {
    this.failure ??= error;
    this.wakePull();
    for (const w of this.waitingPush.splice(0)) w();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      if (this.failure) throw this.failure;
      const item = this.items.shift();
      if (item !== undefined) {
        this.waitingPush.shift()?.();
        yield item;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((r) => (this.waitingPull = r));
    }
  }

  private wakePull(): void {
    const w = this.waitingPull;
    this.waitingPull = undefined;
    w?.();
  }
}
