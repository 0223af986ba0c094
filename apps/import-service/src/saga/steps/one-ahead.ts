/**
 * Work on batches one at a time, in order, while the caller prepares the next batch: `submit`
 * waits for the previous batch's work to end (and throws its error, if it failed), then starts
 * this one's and returns without waiting for it. So reading and decoding the package overlaps
 * the writes and reads of DynamoDB and S3, and the writes themselves, the checkpoints after them
 * and their order stay exactly as they were (never two batches' work at once).
 */
export class OneAhead {
  private pending: Promise<void> | undefined;

  async submit(work: () => Promise<void>): Promise<void> {
    await this.drain();
    const running = work();
    // observed here so that an error surfaces at the next submit or drain, never as unhandled
    running.catch(() => undefined);
    this.pending = running;
  }

  /** Waits for the work in flight (throws its error). */
  async drain(): Promise<void> {
    const pending = this.pending;
    this.pending = undefined;
    await pending;
  }

  /** Waits for the work in flight and ignores its outcome (the caller is failing already). */
  async settle(): Promise<void> {
    await this.drain().catch(() => undefined);
  }
}
