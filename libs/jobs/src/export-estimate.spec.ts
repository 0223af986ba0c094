import {
  EXPORT_START_MS, estimatedDurationMs, estimateExport, extrapolateByDate, PACKAGE_BASE_BYTES, PACKAGE_BYTES_PER_RECORD, PACKAGE_ENTRY_OVERHEAD_BYTES,
  packedFileBytes, TEXT_FILE_PACKED_RATIO,
} from './export-estimate';

describe('estimateExport', () => {
  it('an empty export is the package\'s fixed part', () => {
    expect(estimateExport({ counts: {}, files: [] })).toEqual({ records: 0, bytes: PACKAGE_BASE_BYTES });
  });

  it('adds up records per entity at their packed size, with one entry per entity held (empty ones too)', () => {
    const e = estimateExport({ counts: { transactions: 1000, accounts: 2, analytics: 0 }, files: [] });
    expect(e.records).toBe(1002);
    expect(e.bytes).toBe(PACKAGE_BASE_BYTES + 3 * PACKAGE_ENTRY_OVERHEAD_BYTES + 1000 * PACKAGE_BYTES_PER_RECORD.transactions + 2 * PACKAGE_BYTES_PER_RECORD.accounts);
  });

  it('text statements count a quarter of their size, PDFs and unknown formats all of it', () => {
    expect(packedFileBytes({ size: 1000, format: 'csv' })).toBe(1000 * TEXT_FILE_PACKED_RATIO);
    expect(packedFileBytes({ size: 1000, format: 'OFX' })).toBe(1000 * TEXT_FILE_PACKED_RATIO);
    expect(packedFileBytes({ size: 1000, format: 'pdf' })).toBe(1000);
    expect(packedFileBytes({ size: 1000 })).toBe(1000);
    expect(packedFileBytes({ size: -5, format: 'pdf' })).toBe(0);
    const e = estimateExport({ counts: {}, files: [{ size: 4000, format: 'csv' }, { size: 20 * 1024 * 1024, format: 'pdf' }] });
    expect(e).toEqual({ records: 0, bytes: PACKAGE_BASE_BYTES + 2 * PACKAGE_ENTRY_OVERHEAD_BYTES + 1000 + 20 * 1024 * 1024 });
  });

  it('a typical user: 3,000 transactions and six statements come to a few hundred KB', () => {
    const e = estimateExport({
      counts: { transactions: 3000, accounts: 6, categories: 23, file_maps: 3, transaction_files: 6, user_preferences: 1, recurring_charge_patterns: 2, recurring_charge_predictions: 1, pattern_feedback: 2 },
      files: [...Array(3).fill({ size: 79_000, format: 'ofx' }), ...Array(3).fill({ size: 26_600, format: 'csv' })],
    });
    expect(e.records).toBe(3044);
    // the measured package of this user was 266,274 bytes
    expect(e.bytes).toBeGreaterThan(266_274 * 0.8);
    expect(e.bytes).toBeLessThan(266_274 * 1.5);
  });
});

describe('estimatedDurationMs', () => {
  it('start-up, then 4,000 records and 20 MB a second', () => {
    expect(estimatedDurationMs({ records: 0, bytes: 0 })).toBe(EXPORT_START_MS);
    expect(estimatedDurationMs({ records: 4000, bytes: 20_000_000 })).toBe(EXPORT_START_MS + 1000 + 1000);
    // 100,000 transactions (a 7.8 MiB package) took 24.5 s on the benchmark machine
    expect(estimatedDurationMs({ records: 100_000, bytes: 8_200_000 })).toBeGreaterThan(20_000);
    expect(estimatedDurationMs({ records: 100_000, bytes: 8_200_000 })).toBeLessThan(35_000);
  });
});

describe('extrapolateByDate', () => {
  it('projects what was counted over the dates not reached', () => {
    expect(extrapolateByDate(100, 0, 250, 1000)).toBe(400);
    expect(extrapolateByDate(100, 1000, 1500, 2000)).toBe(200);
  });

  it('never goes below what was counted, nor guesses without a span', () => {
    expect(extrapolateByDate(100, 0, 2000, 1000)).toBe(100);
    expect(extrapolateByDate(100, 0, 0, 1000)).toBe(100);
    expect(extrapolateByDate(100, 500, 500, 500)).toBe(100);
  });
});
