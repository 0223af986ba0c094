import { fireEvent, render, screen } from '@testing-library/react';
import { buildImport } from '../testing/builders';
import { ImportProgress, summaryRows } from './ImportProgress';

describe('ImportProgress', () => {
  it('running: the phase in words, the percentage, and a cancel button', () => {
    const cancel = vi.fn();
    render(<ImportProgress job={buildImport()} onCancel={cancel} />);
    expect(screen.getByRole('progressbar', { name: 'Restoring transactions' })).toHaveAttribute('aria-valuenow', '37');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel restore' }));
    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it('rolling back: explains the undo and offers no cancel', () => {
    render(<ImportProgress job={buildImport({ status: 'compensating', currentPhase: 'rolling_back_accounts' })} onCancel={() => undefined} />);
    expect(screen.getByRole('progressbar', { name: 'Undoing accounts' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel restore' })).toBeNull();
    expect(screen.getByText(/ends exactly as it was/)).toBeInTheDocument();
  });

  it('completed: a per-entity summary', () => {
    render(<ImportProgress job={buildImport({ status: 'completed', progress: 100, currentPhase: 'done', options: { remapIds: true, overwriteExisting: false, validateOnly: false, mergeStrategy: 'fail_on_conflict' }, summary: { accounts_created: 3, accounts_updated: 0, accounts_skipped: 1, files_restored: 4 } })} />);
    expect(screen.getByRole('status')).toHaveTextContent('Restore complete. Everything was added as a copy with new ids.');
    const row = screen.getByRole('row', { name: /Accounts/ });
    expect(row).toHaveTextContent('Accounts301');
    expect(screen.getByText('4 original statement files restored.')).toBeInTheDocument();
  });

  it('failed: the step, the reason, that nothing was kept, and a next step', () => {
    render(<ImportProgress job={buildImport({ status: 'failed', failedStep: 'transactions', error: 'verification found 2 records that differ', errorCode: 'VERIFICATION_FAILED' })} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The restore failed while restoring transactions: verification found 2 records that differ.');
    expect(alert).toHaveTextContent('Nothing was kept');
  });

  it('cancelled: says the account is as it was', () => {
    render(<ImportProgress job={buildImport({ status: 'cancelled', currentPhase: 'rolled_back', errorCode: 'CANCELLED' })} />);
    expect(screen.getByRole('status')).toHaveTextContent('Restore cancelled.');
  });

  it('summaryRows groups the flat summary by entity', () => {
    expect(summaryRows({ transactions_created: 5, transactions_skipped: 2, files_restored: 1 })).toEqual([{ entity: 'transactions', created: 5, updated: 0, skipped: 2 }]);
  });
});
