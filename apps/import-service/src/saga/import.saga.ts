import { SagaStep } from '@housef3/contracts';
import type { ImportStatus, ImportWorkPlan, JobProgress, SagaState } from '@housef3/jobs';
import { isRetriable, PermanentError } from '@housef3/platform';
import { STEP_ENTITY, STEP_ORDER } from './saga-steps';

/**
 * The import saga's policy as pure functions: which step comes next, what compensation undoes
 * and in which order, what an error or a cancel means in each status, and how far the job is.
 * The executors (records, files, verify, compensate) do the I/O; the runner asks these functions
 * what to do. Everything here is decided from the job record alone, so any replica decides alike.
 */

/** The worker's lease was taken over or fenced off: stop at once, write nothing more. */
export class LeaseLost extends Error {
  constructor(message = 'the import was taken over by another worker') {
    super(message);
    this.name = 'LeaseLost';
  }
}

/** The user cancelled: stop the forward steps and undo what was done. */
export class Cancelled extends PermanentError {
  constructor() {
    super('CANCELLED', 'cancelled by the user');
    this.name = 'Cancelled';
  }
}

/** The service is shutting down: give the job back without counting an attempt. */
export class ShuttingDown extends Error {
  constructor() {
    super('the service is shutting down');
    this.name = 'ShuttingDown';
  }
}

export type ErrorKind = 'lease_lost' | 'shutdown' | 'cancelled' | 'transient' | 'permanent';

export interface ClassifiedError {
  kind: ErrorKind;
  code: string;
  message: string;
}

/** What an error means for the saga. Decided where the error was born (its class or the SDK's retriable markers). */
export function classify(error: unknown): ClassifiedError {
  // our own stop signals may reach us wrapped (e.g. a package read refused because the user cancelled)
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof LeaseLost || e instanceof ShuttingDown || e instanceof Cancelled) return classifyOwn(e);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof PermanentError) return { kind: 'permanent', code: error.code, message };
  if (isRetriable(error)) return { kind: 'transient', code: 'TRANSIENT', message };
  return { kind: 'permanent', code: 'IMPORT_FAILED', message };
}

function classifyOwn(error: LeaseLost | ShuttingDown | Cancelled): ClassifiedError {
  const message = error.message;
  if (error instanceof LeaseLost) return { kind: 'lease_lost', code: 'LEASE_LOST', message };
  if (error instanceof ShuttingDown) return { kind: 'shutdown', code: 'SHUTTING_DOWN', message };
  return { kind: 'cancelled', code: 'CANCELLED', message };
}

export interface RetryLimits {
  /** transient failures in a row before the import is given up (and rolled back) */
  maxTransientRetries: number;
  /** failed runs of the compensation before the job ends compensation_failed */
  maxCompensationAttempts: number;
  /** crashes (lost leases) before the import is given up */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export type Decision =
  | { do: 'stop' }
  | { do: 'release' }
  | { do: 'retry_later'; retryAt: number; error: string }
  | { do: 'compensate'; code: string; message: string }
  | { do: 'retry_compensation'; retryAt: number; error: string }
  | { do: 'give_up_compensation'; error: string };

export interface ErrorContext {
  status: ImportStatus;
  transientRetries: number;
  compensationAttempts: number;
}

/** Exponential backoff with a ceiling: attempt 1 waits `base`, then doubles. */
export function backoffMs(attempt: number, limits: Pick<RetryLimits, 'backoffBaseMs' | 'backoffMaxMs'>): number {
  return Math.min(limits.backoffMaxMs, limits.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * What to do after an error. Transient errors resume from the checkpoint later (the lease is
 * released; the sweeper takes the job again after `retryAt`); permanent ones and cancels compensate;
 * a compensation that fails is retried with backoff a bounded number of times, then given up.
 */
export function onError(ctx: ErrorContext, error: ClassifiedError, limits: RetryLimits, now: number): Decision {
  if (error.kind === 'lease_lost') return { do: 'stop' };
  if (error.kind === 'shutdown') return { do: 'release' };
  if (ctx.status === 'compensating') {
    const attempts = ctx.compensationAttempts + 1;
    if (attempts >= limits.maxCompensationAttempts) return { do: 'give_up_compensation', error: error.message };
    return { do: 'retry_compensation', retryAt: now + backoffMs(attempts, limits), error: error.message };
  }
  if (error.kind === 'transient') {
    const retries = ctx.transientRetries + 1;
    if (retries <= limits.maxTransientRetries) return { do: 'retry_later', retryAt: now + backoffMs(retries, limits), error: error.message };
    return { do: 'compensate', code: 'TRANSIENT_ERRORS_EXHAUSTED', message: `the import kept failing on a temporary error ${retries} times in a row: ${error.message}` };
  }
  return { do: 'compensate', code: error.code, message: error.message };
}

/** A job claimed after `attempt` lost leases: past the bound it is rolled back instead of resumed. */
export function tooManyInterruptions(attempt: number, limits: Pick<RetryLimits, 'maxAttempts'>): boolean {
  return attempt > limits.maxAttempts;
}

/** The first forward step after validation. */
export function firstStep(): SagaStep {
  return STEP_ORDER[0];
}

/** The forward step after `step` (verify last); undefined after verify. */
export function stepAfter(step: SagaStep): SagaStep | undefined {
  const i = STEP_ORDER.indexOf(step);
  return i < 0 ? undefined : STEP_ORDER[i + 1];
}

/** Whether a forward step writes records (compensated from its journals) or files (by the file-service). */
export function stepKind(step: SagaStep): 'records' | 'files' | 'verify' {
  if (step === 'files') return 'files';
  if (step === 'verify') return 'verify';
  if (STEP_ENTITY[step]) return 'records';
  throw new Error(`${step} is not a forward step`);
}

/**
 * The compensations to run, in order: every step done and the step in flight (its journaled chunks
 * may have written), newest first. Verification writes nothing and has no compensation.
 */
export function compensationPlan(saga: SagaState | undefined): SagaStep[] {
  if (!saga) return [];
  const steps = [...saga.completedSteps];
  if (!steps.includes(saga.step)) steps.push(saga.step);
  return steps.filter((s) => s !== 'verify' && s !== 'validate').reverse();
}

/** The saga state after `step` finished: the next step starts at chunk 0. */
export function afterStep(saga: SagaState, step: SagaStep): SagaState {
  const next = stepAfter(step) ?? 'verify';
  return { step: next, chunk: 0, completedSteps: saga.completedSteps.includes(step) ? saga.completedSteps : [...saga.completedSteps, step], recordsDone: 0, recordsTotal: 0 };
}

export function initialSaga(): SagaState {
  return { step: firstStep(), chunk: 0, completedSteps: [], recordsDone: 0, recordsTotal: 0 };
}

// ---------------------------------------------------------------------------------------------
// Progress: one fraction for the whole job, weighted by work.

/** What the whole job has to do: records per step, file bytes, package bytes (validation reads it once). */
export type WorkPlan = ImportWorkPlan;

/**
 * Records per chunk of the step in `saga`: the size its checkpoint recorded; for a step
 * checkpointed before sizes were recorded, the size its checkpoint implies (recordsDone is
 * chunk × size, or the step's total at its last chunk, where any size that covers the total
 * resumes past every record); for a step not started, `configured`. A deploy that changes
 * IMPORT_CHUNK_RECORDS must not move a resumed step's chunk boundaries: records would be skipped
 * or journals of other records reused.
 */
export function chunkRecordsOf(saga: SagaState, configured: number): number {
  if (saga.chunkRecords !== undefined) return saga.chunkRecords;
  if (saga.chunk > 0 && saga.recordsDone > 0) return Math.ceil(saga.recordsDone / saga.chunk);
  return configured;
}

/** Bytes of an original file that cost about as much as writing one record. */
const FILE_BYTES_PER_UNIT = 4096;
/**
 * Validation and the final verification, each as a share of the writes. Validation reads the
 * package once (5.6 s against 82 s of writes for 100,000 transactions, docs/benchmarks.md).
 * Records are read back as part of their step's writes (about a fifth of a step's time); the final
 * verification reads back the restored files only.
 */
const VALIDATION_SHARE = 0.07;
const VERIFY_SHARE = 0.03;

export type Position =
  | { phase: 'validating'; bytesRead: number }
  | { phase: 'step'; step: SagaStep; done: number; total: number }
  | { phase: 'verifying'; done: number; total: number }
  | { phase: 'rolling_back'; done: number; total: number }
  | { phase: 'done' };

function writeUnits(plan: WorkPlan, step: SagaStep): number {
  if (step === 'files') return Math.ceil(plan.fileBytes / FILE_BYTES_PER_UNIT);
  return plan.records[step] ?? 0;
}

/**
 * The job's progress at `position`: validation (by bytes of the package read), each forward step (by
 * records, files by bytes), verification (by files), in proportion to their work. Never less than
 * `previous` (monotone); a rollback continues from where the job was towards 1.
 */
export function progressAt(plan: WorkPlan | undefined, position: Position, previous: JobProgress | undefined, now: number): JobProgress {
  const prev = previous?.fraction ?? 0;
  let fraction: number;
  let phase: string;
  if (position.phase === 'done') {
    fraction = 1;
    phase = 'done';
  } else if (position.phase === 'rolling_back') {
    const from = previous?.phase === 'rolling_back' ? (previous.rollbackFrom ?? prev) : prev;
    fraction = from + (1 - from) * ratio(position.done, position.total) * 0.99;
    return { fraction: Math.max(prev, round(fraction)), phase: 'rolling_back', updatedAt: now, rollbackFrom: from };
  } else {
    const steps: SagaStep[] = STEP_ORDER.filter((s) => s !== 'verify');
    const writes = Math.max(1, steps.reduce((n, s) => n + writeUnits(plan ?? { records: {}, fileBytes: 0, packageBytes: 0 }, s), 0));
    const validate = writes * VALIDATION_SHARE;
    const verify = writes * VERIFY_SHARE;
    const total = validate + writes + verify;
    if (position.phase === 'validating') {
      const expected = Math.max(1, plan?.packageBytes ?? 1);
      fraction = (validate * Math.min(0.99, position.bytesRead / expected)) / total;
      phase = 'validating';
    } else if (position.phase === 'step') {
      const before = steps.slice(0, steps.indexOf(position.step)).reduce((n, s) => n + writeUnits(plan!, s), 0);
      fraction = (validate + before + writeUnits(plan!, position.step) * ratio(position.done, position.total)) / total;
      phase = position.step === 'files' ? 'restoring_files' : `restoring_${position.step}`;
    } else {
      fraction = (validate + writes + verify * ratio(position.done, position.total)) / total;
      phase = 'verifying';
    }
    fraction = Math.min(position.phase === 'verifying' ? 0.999 : 0.99, fraction);
  }
  return { fraction: Math.max(prev, round(fraction)), phase, updatedAt: now };
}

const ratio = (done: number, total: number) => (total > 0 ? Math.min(1, done / total) : 1);
const round = (f: number) => Math.round(f * 10000) / 10000;
