import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppLogger } from '../logging/logger';

/**
 * A job that runs every `intervalMs` while the service runs, never twice at once, its errors
 * logged (the next run tries again). The sweepers that take over abandoned work are built on it.
 */
export abstract class PeriodicTask implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running = false;

  protected abstract readonly intervalMs: number;
  protected abstract readonly log: AppLogger;
  protected abstract runOnce(): Promise<void>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.runOnce();
    } catch (e) {
      this.log.error({ err: e, task: this.constructor.name }, 'periodic task failed; it runs again at its next interval');
    } finally {
      this.running = false;
    }
  }
}
