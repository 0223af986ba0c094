import { ApiClient, createApiClient } from '@housef3/api-client';
import { unwrap } from './http';
import type { CreateExportRequest, StartImportRequest } from './types';

/** Every gateway call the page makes, through the typed client of the API document. */
export function backupApi(token: () => string | undefined, onUnauthorized: () => void, client: ApiClient = createApiClient({ baseUrl: location.origin, token })) {
  const call = <T>(p: Promise<{ data?: T; error?: unknown; response: Response }>) => unwrap(p, onUnauthorized);
  const importPath = (importId: string) => ({ params: { path: { importId } } });
  const exportPath = (exportId: string) => ({ params: { path: { exportId } } });
  return {
    listExports: () => call(client.GET('/export', { params: { query: { limit: 50 } } })),
    exportStatus: (exportId: string) => call(client.GET('/export/{exportId}/status', exportPath(exportId))),
    createExport: (body: CreateExportRequest) => call(client.POST('/export', { body })),
    /** size and duration of an export with these options, before creating it */
    estimateExport: (body: CreateExportRequest, signal?: AbortSignal) => call(client.POST('/export/estimate', { body, signal })),
    deleteExport: (exportId: string) => call(client.DELETE('/export/{exportId}', exportPath(exportId))),
    importStatus: (importId: string) => call(client.GET('/import/{importId}/status', importPath(importId))),
    createMultipartUpload: (size: number) => call(client.POST('/import/upload/multipart', { body: { size } })),
    uploadedParts: (importId: string) => call(client.GET('/import/{importId}/upload/parts', importPath(importId))),
    partUrls: (importId: string, partNumbers: number[]) => call(client.POST('/import/{importId}/upload/part-urls', { ...importPath(importId), body: { partNumbers } })),
    completeUpload: (importId: string) => call(client.POST('/import/{importId}/upload/complete', importPath(importId))),
    startImport: (importId: string, body: StartImportRequest) => call(client.POST('/import/{importId}/start', { ...importPath(importId), body })),
    cancelImport: (importId: string) => call(client.POST('/import/{importId}/cancel', importPath(importId))),
    /** the full per-issue report as CSV (every issue, not only the listed ones) */
    reportCsv: (importId: string) => call(client.GET('/import/{importId}/report.csv', { ...importPath(importId), parseAs: 'blob' })) as Promise<unknown> as Promise<Blob>,
  };
}

export type BackupApi = ReturnType<typeof backupApi>;

export const FINAL_EXPORT = ['completed', 'failed', 'expired'];
export const FINAL_IMPORT = ['validation_passed', 'validation_failed', 'completed', 'failed', 'cancelled'];
