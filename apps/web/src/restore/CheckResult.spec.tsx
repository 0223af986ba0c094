import { fireEvent, render, screen } from '@testing-library/react';
import { buildImport } from '../testing/builders';
import { CheckResult } from './CheckResult';
import { DEFAULT_CHOICES } from './choices';
import { issuesCsv } from './ValidationReport';

const owned = buildImport({
  status: 'validation_failed', currentPhase: 'validated', errorCount: 3, warningCount: 1,
  validationSummary: { accounts: { valid: 0, warnings: 0, errors: 2 }, categories: { valid: 4, warnings: 1, errors: 1 } },
  issueCounts: { ID_OWNED_BY_ANOTHER_USER: 3, UNKNOWN_RULE: 1 },
  errors: [
    { entity: 'accounts', id: 'a1', field: 'accountId', message: 'this id belongs to another user', code: 'ID_OWNED_BY_ANOTHER_USER' },
    { entity: 'accounts', id: 'a2', field: 'accountId', message: 'this id belongs to another user', code: 'ID_OWNED_BY_ANOTHER_USER' },
    { entity: 'categories', id: 'c1', field: 'categoryId', message: 'this id belongs to another user, "quoted"', code: 'ID_OWNED_BY_ANOTHER_USER' },
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
    expect(screen.getByRole('link', { name: 'Download all as CSV' })).toHaveAttribute('download', 'restore-issues.csv');
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
    expect(lines[3]).toBe(',ID_OWNED_BY_ANOTHER_USER,categories,c1,categoryId,"this id belongs to another user, ""quoted"""');
  });
});

describe('conflictCounts', () => {
  it('uses the per-code totals, or counts the listed issues', async () => {
    const { conflictCounts } = await import('./choices');
    expect(conflictCounts({ issueCounts: { CONFLICT: 9800, ID_OWNED_BY_ANOTHER_USER: 2 }, errors: [] })).toEqual({ mine: 9800, others: 2 });
    expect(conflictCounts({ errors: [
      { entity: 'accounts', field: 'accountId', message: "accounts[0]: this ID already belongs to another user's record" },
      { entity: 'categories', field: 'categoryId', message: 'categories[0]: a record with this ID already exists in your data and mergeStrategy is fail_on_conflict' },
    ] })).toEqual({ mine: 1, others: 1 });
  });
});
