import type { ImportIssue } from './import-issue';

interface Kept {
  readonly seq: number;
  readonly issue: ImportIssue;
}

/**
 * Collects issues: counts all of them, keeps at most `max` per (severity, code) and lists at most
 * `max` in the end. The listed ones are chosen fairly: errors before warnings, and round-robin
 * across codes, so 10,000 conflicts cannot hide the one dangling reference. Within the list,
 * errors come first, each severity in the order found. Memory: at most `max` issues per code.
 */
export class IssueLog {
  private readonly buckets = new Map<string, Kept[]>();
  private readonly counts = new Map<string, number>();
  private seq = 0;
  errorCount = 0;
  warningCount = 0;

  /** `sink`, when given, receives every issue as it is added (the full report; the list is capped). */
  constructor(private readonly max: number, private readonly sink?: (issue: ImportIssue) => void) {}

  add(issue: ImportIssue): void {
    this.sink?.(issue);
    if (issue.severity === 'error') this.errorCount += 1;
    else this.warningCount += 1;
    this.counts.set(issue.code, (this.counts.get(issue.code) ?? 0) + 1);
    const key = `${issue.severity}:${issue.code}`;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = [];
      this.buckets.set(key, bucket);
    }
    if (bucket.length < this.max) bucket.push({ seq: this.seq, issue });
    this.seq += 1;
  }

  /** How many issues of each code were found (listed or not). */
  countsByCode(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  /** The listed issues: at most `max`, chosen as the class comment says. */
  list(): ImportIssue[] {
    const chosen: Kept[] = [];
    for (const severity of ['error', 'warning'] as const) {
      const queues = [...this.buckets.entries()].filter(([key]) => key.startsWith(`${severity}:`)).map(([, bucket]) => bucket);
      const picked: Kept[] = [];
      for (let round = 0; chosen.length + picked.length < this.max; round += 1) {
        const layer = queues.filter((queue) => round < queue.length).map((queue) => queue[round] as Kept);
        if (layer.length === 0) break;
        picked.push(...layer.slice(0, this.max - chosen.length - picked.length));
      }
      chosen.push(...picked.sort((a, b) => a.seq - b.seq));
    }
    return chosen.map((kept) => kept.issue);
  }
}
