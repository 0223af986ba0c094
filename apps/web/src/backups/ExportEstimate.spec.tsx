import { ReactElement } from 'react';
import { fireEvent, render as renderPlain, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiContext } from '../api/context';
import type { BackupApi } from '../api/api';
import { ApiError } from '../api/http';
import type { ExportEstimate as Estimate } from '../api/types';
import { durationInWords } from '../format';
import { ExportEstimate, estimateInWords } from './ExportEstimate';
import { ExportForm } from './ExportForm';

const estimate = (overrides: Partial<Estimate> = {}): Estimate => ({
  counts: { accounts: 6, transactions: 3000, categories: 23, file_maps: 3, transaction_files: 6 },
  records: 3038, files: 6, fileBytes: 318_791, estimatedBytes: 3.2 * 1024 * 1024, estimatedSize: '~3.2MB', estimatedDurationSeconds: 9, exact: true,
  ...overrides,
});

function render(ui: ReactElement, estimateExport: BackupApi['estimateExport']) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return renderPlain(
    <QueryClientProvider client={client}>
      <ApiContext.Provider value={{ estimateExport } as unknown as BackupApi}>{ui}</ApiContext.Provider>
    </QueryClientProvider>,
  );
}

const everything = { includeAnalytics: true, format: 'complete' as const };

describe('ExportEstimate', () => {
  it('loading: says it is estimating, busy, in a polite status region', () => {
    render(<ExportEstimate id="e" request={everything} debounceMs={0} />, () => new Promise(() => undefined));
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Estimating the size…');
    expect(status).toHaveAttribute('aria-live', 'polite');
    expect(status).toHaveAttribute('aria-busy', 'true');
  });

  it('shown: size and time in plain words, and what the backup holds', async () => {
    const ask = vi.fn(async () => estimate());
    render(<ExportEstimate id="e" request={{ ...everything, description: 'typed' }} debounceMs={0} />, ask);
    const status = screen.getByRole('status');
    await waitFor(() => expect(status).toHaveTextContent('Estimated: About 3.2 MB, under a minute.'));
    expect(status).toHaveTextContent('3,038 records (3,000 transactions) and 6 statement files (311 KB).');
    expect(status).toHaveAttribute('aria-busy', 'false');
    // the description is not sent: it does not change the size
    expect(ask).toHaveBeenCalledWith({ ...everything }, expect.anything());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('an extrapolated estimate says so', async () => {
    render(<ExportEstimate id="e" request={everything} debounceMs={0} />, async () => estimate({ exact: false, estimatedDurationSeconds: 200, estimatedBytes: 900 * 1024 * 1024 }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('About 900 MB, about 3 minutes.'));
    expect(screen.getByRole('status')).toHaveTextContent('partly estimated from your data');
  });

  it('error: what went wrong as an alert, with a retry; creating stays possible', async () => {
    const ask = vi.fn(async () => {
      throw new ApiError(400, 'VALIDATION_FAILED', 'no such account: 3f2b8a52-6d1e-4c57-9a3e-2b8f0c1d4e5a');
    });
    render(<ExportEstimate id="e" request={{ ...everything, format: 'selective', accountIds: ['3f2b8a52-6d1e-4c57-9a3e-2b8f0c1d4e5a'] }} debounceMs={0} />, ask);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The request was refused while estimating the size of this backup: no such account: 3f2b8a52-6d1e-4c57-9a3e-2b8f0c1d4e5a.');
    expect(screen.getByRole('status')).toHaveTextContent('No estimate of the size right now; you can still create the backup.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(ask).toHaveBeenCalledTimes(2));
  });

  it('incomplete options: says what to fill in, asks nothing', () => {
    const ask = vi.fn(async () => estimate());
    render(<ExportEstimate id="e" missing="Choose both dates to see how large the backup will be." debounceMs={0} />, ask);
    expect(screen.getByRole('status')).toHaveTextContent('Choose both dates to see how large the backup will be.');
    expect(ask).not.toHaveBeenCalled();
  });
});

describe('ExportForm with its estimate', () => {
  it('is shown before creating, updates as the options change (debounced), and describes the create button', async () => {
    const ask = vi.fn(async (body: { categoriesOnly?: boolean; dateRange?: unknown }) =>
      estimate(body.categoriesOnly ? { records: 23, counts: { categories: 23 }, files: 0, fileBytes: 0, estimatedBytes: 3300 } : body.dateRange ? { estimatedBytes: 1.5 * 1024 * 1024 } : {}));
    render(<ExportForm />, ask as unknown as BackupApi['estimateExport']);
    const status = screen.getByRole('status');
    await waitFor(() => expect(status).toHaveTextContent('About 3.2 MB, under a minute.'));
    expect(screen.getByRole('button', { name: 'Create backup' })).toHaveAccessibleDescription(/About 3\.2 MB, under a minute\./);
    expect(ask).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByRole('radio', { name: /Categories and rules only/ }));
    await waitFor(() => expect(status).toHaveTextContent('About 3.2 KB, under a minute.'));
    expect(ask).toHaveBeenLastCalledWith({ includeAnalytics: false, format: 'selective', categoriesOnly: true }, expect.anything());

    // dates: nothing is asked until both are there, then once for the settled pair
    fireEvent.click(screen.getByRole('radio', { name: /Transactions between two dates/ }));
    expect(status).toHaveTextContent('Choose both dates to see how large the backup will be.');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2024-01-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2024-01-31' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2024-03-31' } });
    await waitFor(() => expect(status).toHaveTextContent('About 1.5 MB, under a minute.'));
    expect(ask).toHaveBeenCalledTimes(3);
    expect(ask).toHaveBeenLastCalledWith({ includeAnalytics: true, format: 'selective', dateRange: { from: '2024-01-01', to: '2024-03-31' } }, expect.anything());

    // typing a description asks nothing more
    fireEvent.change(screen.getByLabelText(/Description/), { target: { value: 'before moving banks' } });
    await new Promise((r) => setTimeout(r, 500));
    expect(ask).toHaveBeenCalledTimes(3);
  });
});

describe('durationInWords', () => {
  it('plain words for rough durations', () => {
    expect(durationInWords(0)).toBe('under a minute');
    expect(durationInWords(59)).toBe('under a minute');
    expect(durationInWords(80)).toBe('about a minute');
    expect(durationInWords(150)).toBe('about 3 minutes');
    expect(durationInWords(3500)).toBe('about 58 minutes');
    expect(durationInWords(3700)).toBe('about an hour');
    expect(durationInWords(5 * 3600)).toBe('about 5 hours');
    expect(estimateInWords({ estimatedBytes: 3.2 * 1024 * 1024, estimatedDurationSeconds: 30 })).toBe('About 3.2 MB, under a minute.');
  });
});
