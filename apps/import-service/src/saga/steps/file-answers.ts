import { FileChunkAnswer } from '@housef3/jobs';
import { TransientError } from '@housef3/platform';
import { Lease } from '../lease';

export interface AnswerWait {
  /** how often the job is read for the answer */
  pollMs: number;
  /** after this long without an answer the request is sent again (it is idempotent) */
  resendAfterMs: number;
  /** after this long in all the job is released and resumed later (the file-service is down) */
  giveUpAfterMs: number;
  now: () => number;
}

export const answerKey = (kind: 'restore' | 'compensate', chunk: number) => `${kind}:${chunk}`;

/**
 * Sends a request to the file-service and waits for its answer on the JOB, where whichever
 * replica consumed the answer recorded it (no state in this process between messages). Resends
 * after a quiet spell, since a request or an answer can be lost in a broker restart; gives up as
 * transient after `giveUpAfterMs`, so the sweeper resumes the step later.
 */
export async function requestAndAwait(lease: Lease, key: string, send: () => Promise<void>, wait: AnswerWait): Promise<FileChunkAnswer> {
  const existing = lease.job.fileAnswers?.[key];
  if (existing) return existing;
  const started = wait.now();
  let sentAt = started;
  await sendTransient(send);
  for (;;) {
    await new Promise((r) => setTimeout(r, wait.pollMs));
    const job = await lease.refresh();
    const answer = job.fileAnswers?.[key];
    if (answer) return answer;
    lease.check();
    const now = wait.now();
    if (now - started >= wait.giveUpAfterMs) throw new TransientError(`the file-service did not answer ${key} within ${wait.giveUpAfterMs} ms`);
    if (now - sentAt >= wait.resendAfterMs) {
      sentAt = now;
      await sendTransient(send);
    }
  }
}

async function sendTransient(send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (e) {
    throw new TransientError(`could not publish to the file-service: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}
