import { entityLabel, expiryCountdown, formatBytes, formatDuration, phaseLabel } from './format';

describe('format', () => {
  it('sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB');
    expect(formatBytes(undefined)).toBe('—');
  });

  it('durations and expiry', () => {
    expect(formatDuration(30_000)).toBe('less than a minute');
    expect(formatDuration(90 * 60_000)).toBe('1 hour 30 minutes');
    expect(expiryCountdown('2026-01-02T00:00:00Z', Date.parse('2026-01-01T00:00:00Z'))).toBe('expires in 1 day');
    expect(expiryCountdown('2026-01-01T00:00:00Z', Date.parse('2026-01-02T00:00:00Z'))).toBe('expired');
  });

  it('names people read', () => {
    expect(entityLabel('file_maps')).toBe('File maps');
    expect(phaseLabel('restoring_transaction_files')).toBe('Restoring statement files');
    expect(phaseLabel('rolling_back_categories')).toBe('Undoing categories');
  });
});
