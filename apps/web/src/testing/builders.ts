import type { ExportStatus, ImportStatus } from '../api/types';

/** Test data builders: a status as the API sends it, with overrides. */
export function buildExport(overrides: Partial<ExportStatus> = {}): ExportStatus {
  return {
    exportId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', status: 'processing', progress: 42, currentPhase: 'collecting', phase: 'collecting',
    progressDetail: { fraction: 0.42, recordsDone: 420, recordsEstimated: 1000, bytesDone: 2_000_000, bytesEstimated: 5_000_000 },
    format: 'complete', requestedAt: '2026-11-25T10:00:00.000Z', description: 'before moving banks',
    ...overrides,
  } as ExportStatus;
}

export function buildImport(overrides: Partial<ImportStatus> = {}): ImportStatus {
  return {
    importId: '7a1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', status: 'processing', progress: 37, currentPhase: 'restoring_transactions',
    uploadedAt: '2026-11-25T11:00:00.000Z', summary: {}, errors: [], warnings: [], errorCount: 0, warningCount: 0, issueTotals: [], reportAvailable: false,
    ...overrides,
  } as ImportStatus;
}
