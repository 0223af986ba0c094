import { ImportJob } from '@housef3/jobs';
import { erasureFinal, retentionAction } from './retention-policy';

const H = 3_600_000;
const settings = { retentionMs: 24 * H, unstartedGraceMs: H };
const job = (over: Partial<ImportJob>): ImportJob => ({
  importId: 'i', userId: 'u', status: 'completed', uploadedAt: 0, uploadKey: 'imports/u/i/package.zip', uploadExpiresAt: H / 4, maxPackageBytes: 1, attempt: 1, ...over,
}) as ImportJob;

describe('import retention', () => {
  it('erases every ended import after the retention: completed, failed, cancelled, validation failed and validate-only', () => {
    for (const status of ['completed', 'failed', 'cancelled', 'validation_failed', 'validation_passed'] as const) {
      expect(retentionAction(job({ status, completedAt: 10 * H }), 10 * H + 24 * H - 1, settings)).toBeUndefined();
      expect(retentionAction(job({ status, completedAt: 10 * H }), 10 * H + 24 * H, settings)).toBe('erase');
    }
    expect(retentionAction(job({ status: 'validation_passed', startedAt: H }), 25 * H, settings)).toBe('erase'); // no completedAt: from its start
  });

  it('gives up a never-started import once its upload URL expired and the grace passed', () => {
    expect(retentionAction(job({ status: 'awaiting_upload' }), H / 4 + H - 1, settings)).toBeUndefined();
    expect(retentionAction(job({ status: 'awaiting_upload' }), H / 4 + H, settings)).toBe('give_up');
  });

  it('erases at once what the user deleted; never touches a running import; stops once erased', () => {
    expect(retentionAction(job({ status: 'completed', completedAt: 10 * H, erasureRequestedAt: 10 * H }), 10 * H, settings)).toBe('erase');
    expect(retentionAction(job({ status: 'awaiting_upload', erasureRequestedAt: 0 }), 1, settings)).toBe('give_up');
    for (const status of ['validating', 'processing', 'compensating'] as const) expect(retentionAction(job({ status, erasureRequestedAt: 0 }), 1000 * H, settings)).toBeUndefined();
    expect(retentionAction(job({ status: 'completed', completedAt: 0, erasedAt: 30 * H }), 1000 * H, settings)).toBeUndefined();
  });

  it('keeps sweeping until no upload URL can write there', () => {
    expect(erasureFinal(job({}), H / 4)).toBe(false);
    expect(erasureFinal(job({}), H / 4 + 1)).toBe(true);
  });
});
