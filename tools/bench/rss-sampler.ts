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
 *
 * It also keeps the peak of each `windowMs` of the phase (`windowPeaks`). A process whose memory
 * swings in a band reaches higher in a long job than in a short one only because the long job
 * samples the swing more often; memory that grows with the data rises from window to window.
 */
export class RssSampler {
  private readonly peaks = new Map<string, number>();
  private readonly windows = new Map<string, number[]>();
  private startedAt = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly pids: Record<string, number>,
    private readonly intervalMs = 100,
    private readonly windowMs = 5000,
    /** how a sample is taken and timed: VmRSS from /proc and the monotonic clock, unless a test says otherwise */
    private readonly probe: { rssKb(pid: number): number; now(): number } = { rssKb, now: () => performance.now() },
  ) {}

  start(): this {
    this.peaks.clear();
    this.windows.clear();
    this.startedAt = this.probe.now();
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

  /** The peak of each window of the last phase, in order, per process (KiB). */
  windowPeaks(): Record<string, number[]> {
    return Object.fromEntries([...this.windows].map(([name, peaks]) => [name, [...peaks]]));
  }

  /** One sample now (the timer takes one every `intervalMs`). */
  sample(): void {
    const window = Math.floor((this.probe.now() - this.startedAt) / this.windowMs);
    for (const [name, pid] of Object.entries(this.pids)) {
      try {
        const kb = this.probe.rssKb(pid);
        if (!(kb <= (this.peaks.get(name) ?? 0))) this.peaks.set(name, kb);
        const peaks = this.windows.get(name) ?? [];
        this.windows.set(name, peaks);
        // a window with no sample (the process busy past a whole window) takes the next one's
        while (peaks.length < window) peaks.push(kb);
        if (!(kb <= (peaks[window] ?? 0))) peaks[window] = kb;
      } catch {
        /* the process ended */
      }
    }
  }
}
