import { readFileSync } from 'node:fs';

/** Peak resident memory of processes, from /proc (VmHWM is the kernel's own high-water mark). */
export function peakRssKb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

export function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/**
 * Samples the resident memory of processes every `intervalMs` while a measured phase runs. The
 * peak is the larger of the highest sample and the kernel's VmHWM (which also catches spikes
 * between samples); VmHWM covers the process's whole life, so it is read per phase only as a
 * cross-check and the sampled peak is what a phase reports.
 */
export class RssSampler {
  private readonly peaks = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly pids: Record<string, number>, private readonly intervalMs = 100) {}

  start(): this {
    this.peaks.clear();
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    return this;
  }

  /** Stops sampling; returns each process's sampled peak (KiB). */
  stop(): Record<string, number> {
    clearInterval(this.timer);
    this.sample();
    return Object.fromEntries(this.peaks);
  }

  private sample(): void {
    for (const [name, pid] of Object.entries(this.pids)) {
      try {
        const kb = rssKb(pid);
        if (!(kb <= (this.peaks.get(name) ?? 0))) this.peaks.set(name, kb);
      } catch {
        /* the process ended */
      }
    }
  }
}
