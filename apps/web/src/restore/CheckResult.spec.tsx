import { ReactElement } from 'react';
import { fireEvent, render as renderPlain, screen } from '@testing-library/react';
import { ApiContext } from '../api/context';
import type { BackupApi } from '../api/api';
import { buildImport } from '../testing/builders';
import { CheckResult } from './CheckResult';
import { DEFAULT_CHOICES } from './choices';
import { issuesCsv } from './ValidationReport';

const reportCsv = vi.fn(async () => new Blob(['severity,code\r\n']));
const render = (ui: ReactElement) => renderPlain(<ApiContext.Provider value={{ reportCsv } as unknown as BackupApi}>{ui}</ApiContext.Provider>);

const owned = buildImport({
  status: 'validation_failed', currentPhase: 'validated', errorCount: 3, warningCount: 1, reportAvailable: true,
  validationSummary: { accounts: { valid: 0, warnings: 0, errors: 2 }, categories: { valid: 4, warnings: 1, errors: 1 } },
  issueTotals: [{ code: 'ID_OWNED_BY_ANOTHER_USER', severity: 'error', count: 3 }, { code: 'UNKNOWN_RULE', severity: 'warning', count: 1 }],
  errors: [
    { severity: 'error', entity: 'accounts', id: 'a1', field: 'accountId', message: 'this id belongs to another user', code: 'ID_OWNED_BY_ANOTHER_USER' },
    { severity: 'error', entity: 'accounts', id: 'a2', field: 'accountId', message: 'this id belongs to another user', code: 'ID_OWNED_BY_ANOTHER_USER' },
    { severity: 'error', entity: 'categories', id: 'c1', field: 'categoryId', message: 'this id belongs to another user, "quoted"', code: 'ID_OWNED_BY_ANOTHER_USER' },
  ],
});

describe('CheckResult', () => {
  it('a failed check: per-entity report, the way out in plain words, filterable issues, no restore button', () => {
    const recheck = vi.fn();
    render(<CheckResult job={owned} choices={DEFAULT_CHOICES} onRestore={() => undefined} onRecheck={recheck} />);
    expect(screen.getByRole('alert')).toHaveTextContent('cannot be restored as it is: 3 problems');
    expect(screen.getByRole('alert')).toHaveTextContent('3 records belong to another account. Tick Import as a copy and check again.');
    expect(screen.getByRole('row', { name: /Accounts/ })).toHaveTextContent('Accounts002');
    expect(screen.queryByRole('button', { name: 'Restore now' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'categories' } });
    expect(screen.getByText(/^1 of 3 listed/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download the listed problems (CSV)' })).toHaveAttribute('download', 'restore-issues.csv');
    fireEvent.click(screen.getByRole('button', { name: 'Download the full report (CSV)' }));
    expect(reportCsv).toHaveBeenCalledWith(owned.importId);
    fireEvent.click(screen.getByRole('button', { name: 'Check again with these choices' }));
    expect(recheck).toHaveBeenCalled();
  });

  it('a passed check offers the restore', () => {
    const restore = vi.fn();
    render(<CheckResult job={buildImport({ status: 'validation_passed', validationSummary: { accounts: { valid: 2, warnings: 0, errors: 0 } } })} choices={DEFAULT_CHOICES} onRestore={restore} onRecheck={() => undefined} />);
    expect(screen.getByText('The file is fine: it can be restored with these choices.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Restore now' }));
    expect(restore).toHaveBeenCalled();
  });

  it('issues as CSV: one row per issue, quoted where needed', () => {
    const csv = issuesCsv(owned.errors!);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('severity,code,entity,id,field,message');
    expect(lines[3]).toBe('error,ID_OWNED_BY_ANOTHER_USER,categories,c1,categoryId,"this id belongs to another user, ""quoted"""');
  });
});

describe('conflictCounts', () => {
  it('adds up the per-code totals of both severities', async () => {
    const { conflictCounts } = await import('./choices');
    expect(conflictCounts({ issueTotals: [
      { code: 'CONFLICT', severity: 'error', count: 9800 }, { code: 'ID_OWNED_BY_ANOTHER_USER', severity: 'error', count: 2 }, { code: 'DANGLING_REFERENCE', severity: 'error', count: 1 },
    ] })).toEqual({ mine: 9800, others: 2 });
    expect(conflictCounts({ issueTotals: [] })).toEqual({ mine: 0, others: 0 });
  });
});
