import { render, screen, within } from '@testing-library/react';
import { buildExport } from '../testing/builders';
import { ExportCard } from './ExportCard';
import { ExportHistory } from './BackupsScreen';

const now = Date.parse('2026-11-25T12:00:00.000Z');

describe('ExportCard', () => {
  it('running: a live progress bar with records and bytes, no download', () => {
    render(<ExportCard job={buildExport()} now={now} onDelete={() => undefined} />);
    const bar = screen.getByRole('progressbar', { name: 'Collecting your data' });
    expect(bar).toHaveAttribute('aria-valuenow', '42');
    expect(bar.closest('[aria-live="polite"]')).not.toBeNull();
    expect(screen.getByText(/420 of about 1,000 records/)).toBeInTheDocument();
    expect(screen.getByText('In progress')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Download' })).toBeNull();
  });

  it('completed: size, counts per entity, expiry countdown, download link and delete', () => {
    const job = buildExport({
      status: 'completed', progress: 100, phase: 'done', packageSize: 3 * 1024 * 1024, counts: { accounts: 3, transactions: 1234 },
      downloadUrl: 'https://packages.example/backup.zip?sig=1', expiresAt: '2026-12-02T11:00:00.000Z',
    });
    render(<ExportCard job={job} now={now} onDelete={() => undefined} />);
    expect(screen.getByRole('link', { name: 'Download' })).toHaveAttribute('href', 'https://packages.example/backup.zip?sig=1');
    expect(screen.getByText('3.0 MB')).toBeInTheDocument();
    const counts = screen.getByText('Transactions').closest('div')!;
    expect(within(counts).getByText('1,234')).toBeInTheDocument();
    expect(screen.getByText('expires in 6 days 23 hours')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete' })).toBeEnabled();
    expect(screen.getByRole('progressbar', { name: 'Complete' })).toHaveAttribute('aria-valuenow', '100');
  });

  it('failed: the reason and what to do next, announced as an alert', () => {
    render(<ExportCard job={buildExport({ status: 'failed', error: 'the export could not be queued', errorCode: 'QUEUE_UNAVAILABLE' })} now={now} onDelete={() => undefined} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('This backup failed: the export could not be queued.');
    expect(alert).toHaveTextContent('The service was busy; start it again.');
    expect(screen.queryByRole('link', { name: 'Download' })).toBeNull();
  });

  it('expired: says the file is gone and how to get the data again, no download', () => {
    render(<ExportCard job={buildExport({ status: 'expired', progress: 100, expiresAt: '2026-11-20T00:00:00.000Z' })} now={now} onDelete={() => undefined} />);
    expect(screen.getByText('Expired')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('This backup has expired and its file was deleted.');
    expect(screen.getByRole('status')).toHaveTextContent('Create a new backup');
    expect(screen.queryByRole('link', { name: 'Download' })).toBeNull();
  });
});

describe('ExportHistory', () => {
  it('empty: tells the user what to do', () => {
    render(<ExportHistory exports={[]} />);
    expect(screen.getByText(/No backups yet/)).toBeInTheDocument();
  });
});
