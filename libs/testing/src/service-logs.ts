/** One structured log line of a service (pino JSON: level, time, service, msg, jobId, ...). */
export interface LogLine {
  level: string;
  msg: string;
  service?: string;
  jobId?: string;
  [field: string]: unknown;
}

/** The JSON log lines of a process's output (anything else it printed is left out). */
export function parseLogLines(output: string): LogLine[] {
  const out: LogLine[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const parsed = JSON.parse(line) as LogLine;
      if (typeof parsed.msg === 'string') out.push(parsed);
    } catch {
      /* a line cut by the end of the capture */
    }
  }
  return out;
}

export type WorkerKey = 'export-service' | 'import-service' | 'file-service';

/**
 * The log lines (level info, with `jobId`) by which a worker replica shows it did a piece of
 * work. The services must keep printing them at LOG_LEVEL=info: the replica tests count them.
 */
export const WORK_LINES: Record<WorkerKey, readonly string[]> = {
  // the replica that collected an export
  'export-service': ['collection done; assembly requested', 'export completed'],
  // the replica that finished an import's saga
  'import-service': ['import completed'],
  // the replica that restored a chunk of original files, or wrote a package
  'file-service': ['file chunk restored', 'package written'],
};

/** The job ids a process's output shows work for (lines of `messages` carrying a jobId). */
export function jobsWorkedOn(output: string, messages: readonly string[]): Set<string> {
  const jobs = new Set<string>();
  for (const line of parseLogLines(output)) if (line.jobId && messages.includes(line.msg)) jobs.add(line.jobId);
  return jobs;
}

/** Lines whose message matches, e.g. to prove nothing compensated or nobody crashed. */
export function linesMatching(output: string, message: string | RegExp): LogLine[] {
  return parseLogLines(output).filter((l) => (typeof message === 'string' ? l.msg === message : message.test(l.msg)));
}
