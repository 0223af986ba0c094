/**
 * When a job that started at `startedAt` and is `fraction` done at `now` should end, assuming the
 * rest goes at the pace so far. Undefined when nothing can be said: not started, no progress yet,
 * or done.
 */
export function estimateCompletion(startedAt: number | undefined, fraction: number, now: number): string | undefined {
  if (startedAt === undefined || !(fraction > 0) || fraction >= 1 || now < startedAt) return undefined;
  const elapsed = now - startedAt;
  return new Date(Math.round(now + (elapsed * (1 - fraction)) / fraction)).toISOString();
}
