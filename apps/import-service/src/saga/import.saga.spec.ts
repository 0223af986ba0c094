import { SagaState } from '@housef3/jobs';
import { PermanentError, TransientError } from '@housef3/platform';
import {
  afterStep, backoffMs, Cancelled, chunkRecordsOf, classify, compensationPlan, ErrorContext, initialSaga, LeaseLost, onError, progressAt, RetryLimits,
  ShuttingDown, stepAfter, tooManyInterruptions, WorkPlan,
} from './import.saga';
import { STEP_ORDER } from './saga-steps';

const limits: RetryLimits = { maxTransientRetries: 3, maxCompensationAttempts: 4, maxAttempts: 3, backoffBaseMs: 1000, backoffMaxMs: 8000 };
const ctx = (over: Partial<ErrorContext> = {}): ErrorContext => ({ status: 'processing', transientRetries: 0, compensationAttempts: 0, ...over });
const saga = (over: Partial<SagaState>): SagaState => ({ ...initialSaga(), ...over });

describe('import saga: step order', () => {
  it('runs parents before what references them, files before transactions, verification last', () => {
    expect(STEP_ORDER).toEqual([
      'categories', 'file_maps', 'accounts', 'transaction_files', 'files', 'transactions', 'analytics',
      'user_preferences', 'recurring_charge_patterns', 'recurring_charge_predictions', 'pattern_feedback', 'verify',
    ]);
    const seen = [initialSaga().step];
    for (let s = stepAfter(seen[0]); s; s = stepAfter(s)) seen.push(s);
    expect(seen).toEqual(STEP_ORDER);
  });

  it('after a step the next starts at chunk 0 and the step counts as done once', () => {
    const s = afterStep(saga({ step: 'accounts', chunk: 7, completedSteps: ['categories', 'file_maps'] }), 'accounts');
    expect(s).toMatchObject({ step: 'transaction_files', chunk: 0, completedSteps: ['categories', 'file_maps', 'accounts'] });
    expect(afterStep(s, 'accounts').completedSteps).toEqual(['categories', 'file_maps', 'accounts']);
    expect(afterStep(saga({ step: 'pattern_feedback' }), 'pattern_feedback').step).toBe('verify');
  });

  it.each(STEP_ORDER.map((step, i) => [step, i] as const))('resumes at %s from its checkpoint', (step, i) => {
    const resumed = saga({ step, chunk: 3, completedSteps: STEP_ORDER.slice(0, i) });
    // resuming never repeats a done step and never skips one
    const rest: string[] = [];
    for (let s: typeof step | undefined = resumed.step; s; s = stepAfter(s)) rest.push(s);
    expect([...resumed.completedSteps, ...rest]).toEqual(STEP_ORDER);
  });
});

describe('import saga: chunk size of a resumed step', () => {
  it('keeps the size the step was checkpointed with, whatever is configured now', () => {
    expect(chunkRecordsOf(saga({ step: 'transactions', chunk: 10, recordsDone: 5000, chunkRecords: 500 }), 1000)).toBe(500);
  });

  it('derives it from the checkpoint of a step written before sizes were recorded', () => {
    expect(chunkRecordsOf(saga({ step: 'transactions', chunk: 10, recordsDone: 5000 }), 1000)).toBe(500);
    // at the last chunk recordsDone is the total: the derived size resumes past every record
    const last = saga({ step: 'transactions', chunk: 3, recordsDone: 1234, recordsTotal: 1234 });
    expect(chunkRecordsOf(last, 1000) * last.chunk).toBeGreaterThanOrEqual(1234);
  });

  it('uses the configured size for a step not started, and a new step starts without one', () => {
    expect(chunkRecordsOf(saga({ step: 'transactions', chunk: 0, recordsDone: 0 }), 1000)).toBe(1000);
    expect(afterStep(saga({ step: 'accounts', chunk: 2, recordsDone: 1000, chunkRecords: 500 }), 'accounts').chunkRecords).toBeUndefined();
  });
});

describe('import saga: compensation order', () => {
  it('undoes the step in flight first, then every done step newest first', () => {
    expect(compensationPlan(saga({ step: 'transactions', completedSteps: ['categories', 'file_maps', 'accounts', 'transaction_files', 'files'] })))
      .toEqual(['transactions', 'files', 'transaction_files', 'accounts', 'file_maps', 'categories']);
  });

  it('has nothing to undo for verification and nothing before the first step', () => {
    expect(compensationPlan(saga({ step: 'verify', completedSteps: ['categories', 'files', 'transactions'] }))).toEqual(['transactions', 'files', 'categories']);
    expect(compensationPlan(undefined)).toEqual([]);
    expect(compensationPlan(saga({ step: 'categories', completedSteps: [] }))).toEqual(['categories']);
  });

  it('does not list a step twice when its checkpoint was already moved on', () => {
    expect(compensationPlan(saga({ step: 'accounts', completedSteps: ['categories', 'file_maps', 'accounts'] }))).toEqual(['accounts', 'file_maps', 'categories']);
  });
});

describe('import saga: errors', () => {
  it.each([
    ['a lost lease', new LeaseLost(), 'lease_lost'],
    ['a shutdown', new ShuttingDown(), 'shutdown'],
    ['a cancel', new Cancelled(), 'cancelled'],
    ['our permanent error', new PermanentError('CONFLICT', 'exists'), 'permanent'],
    ['our transient error', new TransientError('later'), 'transient'],
    ['DynamoDB throttling', Object.assign(new Error('slow'), { name: 'ProvisionedThroughputExceededException' }), 'transient'],
    ['an S3 503', Object.assign(new Error('SlowDown'), { name: 'SlowDown', $metadata: { httpStatusCode: 503 } }), 'transient'],
    ['a broker away', Object.assign(new Error('connect ECONNREFUSED'), { name: 'KafkaJSConnectionError' }), 'transient'],
    ['a read error wrapping a 503', new Error('could not read', { cause: Object.assign(new Error('x'), { $metadata: { httpStatusCode: 503 } }) }), 'transient'],
    ['an S3 412 (package replaced)', Object.assign(new Error('precondition'), { $metadata: { httpStatusCode: 412 } }), 'permanent'],
    ['a bug', new TypeError('x is undefined'), 'permanent'],
    ['a cancel met inside a package read', new Error('could not read s3://b/k', { cause: new Cancelled() }), 'cancelled'],
    ['a lost lease met inside a package read', new Error('could not read', { cause: new LeaseLost() }), 'lease_lost'],
  ])('%s is %s', (_n, error, kind) => {
    expect(classify(error).kind).toBe(kind);
  });

  it('a transient error releases the job to resume later, with growing backoff', () => {
    const a = onError(ctx(), classify(new TransientError('t')), limits, 0);
    const b = onError(ctx({ transientRetries: 2 }), classify(new TransientError('t')), limits, 0);
    expect(a).toEqual({ do: 'retry_later', retryAt: 1000, error: 't' });
    expect(b).toEqual({ do: 'retry_later', retryAt: 4000, error: 't' });
    expect(backoffMs(10, limits)).toBe(8000);
  });

  it('too many transient errors in a row roll the import back', () => {
    expect(onError(ctx({ transientRetries: 3 }), classify(new TransientError('t')), limits, 0)).toMatchObject({ do: 'compensate', code: 'TRANSIENT_ERRORS_EXHAUSTED' });
  });

  it.each(['validating', 'processing'] as const)('a permanent error or a cancel while %s compensates', (status) => {
    expect(onError(ctx({ status }), classify(new PermanentError('CONFLICT', 'exists')), limits, 0)).toEqual({ do: 'compensate', code: 'CONFLICT', message: 'exists' });
    expect(onError(ctx({ status }), classify(new Cancelled()), limits, 0)).toEqual({ do: 'compensate', code: 'CANCELLED', message: 'cancelled by the user' });
  });

  it('a lost lease stops the worker; a shutdown releases the job', () => {
    expect(onError(ctx(), classify(new LeaseLost()), limits, 0)).toEqual({ do: 'stop' });
    expect(onError(ctx({ status: 'compensating' }), classify(new ShuttingDown()), limits, 0)).toEqual({ do: 'release' });
  });

  it('a failing compensation is retried with backoff, a bounded number of times, then given up', () => {
    const error = classify(new PermanentError('X', 'broken'));
    expect(onError(ctx({ status: 'compensating', compensationAttempts: 0 }), error, limits, 100)).toEqual({ do: 'retry_compensation', retryAt: 1100, error: 'broken' });
    expect(onError(ctx({ status: 'compensating', compensationAttempts: 2 }), error, limits, 0)).toEqual({ do: 'retry_compensation', retryAt: 4000, error: 'broken' });
    expect(onError(ctx({ status: 'compensating', compensationAttempts: 3 }), error, limits, 0)).toEqual({ do: 'give_up_compensation', error: 'broken' });
    // transient or permanent alike: a compensation must end
    expect(onError(ctx({ status: 'compensating', compensationAttempts: 3 }), classify(new TransientError('t')), limits, 0)).toEqual({ do: 'give_up_compensation', error: 't' });
  });

  it('counts only lost leases as interruptions', () => {
    expect(tooManyInterruptions(3, limits)).toBe(false);
    expect(tooManyInterruptions(4, limits)).toBe(true);
  });
});

describe('import saga: progress', () => {
  const plan: WorkPlan = { records: { categories: 100, accounts: 10, transactions: 10000, transaction_files: 10 }, fileBytes: 10 * 4096 * 100, packageBytes: 5_000_000 };

  it('is monotone and without big jumps across a whole import', () => {
    const positions = [
      ...[0, 0.5e6, 2.5e6, 4.5e6, 5e6].map((b) => ({ phase: 'validating' as const, bytesRead: b })),
      ...(['categories', 'file_maps', 'accounts', 'transaction_files'] as const).map((step) => ({ phase: 'step' as const, step, done: 1, total: 1 })),
      ...[0, 0.25, 0.5, 0.75, 1].map((f) => ({ phase: 'step' as const, step: 'files' as const, done: f * 100, total: 100 })),
      ...Array.from({ length: 21 }, (_, i) => ({ phase: 'step' as const, step: 'transactions' as const, done: i * 500, total: 10000 })),
      ...[0, 2500, 5000, 7500, 10000].map((d) => ({ phase: 'verifying' as const, done: d, total: 10220 })),
      { phase: 'done' as const },
    ];
    let prev;
    const seen: number[] = [];
    for (const p of positions) {
      prev = progressAt(plan, p, prev, 0);
      seen.push(prev.fraction);
    }
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
      expect(seen[i] - seen[i - 1]).toBeLessThanOrEqual(0.15);
    }
    expect(seen[0]).toBe(0);
    expect(seen[4]).toBeGreaterThan(0.05);
    expect(seen.at(-2)).toBeLessThan(1);
    expect(seen.at(-1)).toBe(1);
  });

  it('never goes back, and a rollback continues from where the job was', () => {
    const at = progressAt(plan, { phase: 'step', step: 'transactions', done: 5000, total: 10000 }, undefined, 0);
    expect(progressAt(plan, { phase: 'step', step: 'categories', done: 0, total: 1 }, at, 0).fraction).toBe(at.fraction);
    const r1 = progressAt(plan, { phase: 'rolling_back', done: 1, total: 4 }, at, 0);
    const r2 = progressAt(plan, { phase: 'rolling_back', done: 3, total: 4 }, r1, 0);
    expect(r1.fraction).toBeGreaterThan(at.fraction);
    expect(r2.fraction).toBeGreaterThan(r1.fraction);
    expect(r2.rollbackFrom).toBe(at.fraction);
    expect(r2.phase).toBe('rolling_back');
  });
});
