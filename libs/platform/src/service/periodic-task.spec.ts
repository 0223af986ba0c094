import { PeriodicTask } from './periodic-task';

class Probe extends PeriodicTask {
  protected readonly intervalMs = 10;
  readonly errors: unknown[] = [];
  protected readonly log = { error: (o: { err: unknown }) => this.errors.push(o.err) } as never;
  runs = 0;
  release?: () => void;
  fail = false;
  protected async runOnce() {
    this.runs++;
    if (this.fail) throw new Error('boom');
    await new Promise<void>((r) => (this.release = r));
  }
}

describe('PeriodicTask', () => {
  it('never runs twice at once', async () => {
    const task = new Probe();
    const first = task.tick();
    await task.tick();
    expect(task.runs).toBe(1);
    task.release!();
    await first;
  });

  it('logs a failure and runs again next time', async () => {
    const task = new Probe();
    task.fail = true;
    await task.tick();
    await task.tick();
    expect(task.runs).toBe(2);
    expect(task.errors).toHaveLength(2);
  });
});
