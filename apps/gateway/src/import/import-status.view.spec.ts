import { ImportJob } from '@housef3/jobs';
import { importFraction, importStatusView } from './import-status.view';

const base = { importId: 'i', userId: 'u', status: 'processing', uploadedAt: 0, uploadKey: 'k', uploadExpiresAt: 0, maxPackageBytes: 1, attempt: 1, startedAt: 1_000 } as unknown as ImportJob;
/** what a user may see of a job's error: nothing to hide in these jobs */
const errors = { shown: () => undefined };
const saga = { step: 'transactions' as const, chunk: 0, completedSteps: ['categories' as const, 'file_maps' as const], recordsDone: 50, recordsTotal: 100 };

describe('the import status view', () => {
  it('renders the job\'s own progress fraction when the import-service records one', () => {
    const job = { ...base, saga, progress: { fraction: 0.4567, phase: 'restoring_transactions', updatedAt: 5 } } as ImportJob;
    expect(importStatusView(job, 11_000, errors)).toMatchObject({ progress: 45, currentPhase: 'restoring_transactions', estimatedCompletionAt: new Date(1_000 + 10_000 / 0.4567).toISOString() });
  });

  it('is 0 before the import-service records progress, never 1 before the end, and 100 at the end', () => {
    expect(importFraction({ ...base, saga } as ImportJob)).toBe(0);
    expect(importFraction({ ...base, status: 'validating' } as ImportJob)).toBe(0);
    expect(importFraction({ ...base, status: 'failed' } as ImportJob)).toBe(1);
    expect(importFraction({ ...base, saga, progress: { fraction: 1, phase: 'x', updatedAt: 1 } } as ImportJob)).toBe(0.99);
    expect(importStatusView({ ...base, status: 'completed', completedAt: 9 } as ImportJob, 10, errors)).toMatchObject({ progress: 100, currentPhase: 'done' });
    expect(importStatusView({ ...base, status: 'completed' } as ImportJob, 10, errors).estimatedCompletionAt).toBeUndefined();
  });

  it('lists errors and warnings with their severity and code, and the totals', () => {
    const view = importStatusView({
      ...base, status: 'validation_failed' as const,
      validationResults: {
        summary: {}, errorCount: 2, warningCount: 1, errors: [{ entity: 'accounts', id: 'a', field: '', message: 'm', code: 'CONFLICT' }],
        warnings: [{ entity: 'package', field: 'overwriteExisting', message: 'w', code: 'OVERWRITE_FLAG_IGNORED' }],
        issueTotals: [{ code: 'CONFLICT', severity: 'error', count: 2 }, { code: 'OVERWRITE_FLAG_IGNORED', severity: 'warning', count: 1 }],
      },
    }, 10, errors);
    expect(view.errors).toEqual([{ severity: 'error', code: 'CONFLICT', entity: 'accounts', id: 'a', field: '', message: 'm' }]);
    expect(view.warnings).toEqual([{ severity: 'warning', code: 'OVERWRITE_FLAG_IGNORED', entity: 'package', field: 'overwriteExisting', message: 'w' }]);
    expect(view).toMatchObject({ reportAvailable: true, errorCount: 2, warningCount: 1, progress: 100 });
    expect(view.issueTotals).toHaveLength(2);
  });
});
