import type { Http } from './http';
import type {
  CreateExportRequest, CreateExportResponse, CreateUploadResponse, ExportList, ExportStatus, ImportList, ImportStatus, StartImportRequest,
} from './types';

/** Every gateway call the page makes, typed by the API document. */
export function backupApi(http: Http) {
  return {
    listExports: () => http.json<ExportList>('GET', '/export?limit=50'),
    exportStatus: (exportId: string) => http.json<ExportStatus>('GET', `/export/${exportId}/status`),
    createExport: (body: CreateExportRequest) => http.json<CreateExportResponse>('POST', '/export', body),
    deleteExport: (exportId: string) => http.json<unknown>('DELETE', `/export/${exportId}`),
    listImports: () => http.json<ImportList>('GET', '/import?limit=20'),
    importStatus: (importId: string) => http.json<ImportStatus>('GET', `/import/${importId}/status`),
    createUpload: (size: number) => http.json<CreateUploadResponse>('POST', '/import/upload', { size }),
    startImport: (importId: string, body: StartImportRequest) => http.json<unknown>('POST', `/import/${importId}/start`, body),
    cancelImport: (importId: string) => http.json<unknown>('POST', `/import/${importId}/cancel`),
  };
}

export type BackupApi = ReturnType<typeof backupApi>;

export const FINAL_EXPORT = ['completed', 'failed', 'expired', 'deleted'];
export const FINAL_IMPORT = ['validation_passed', 'validation_failed', 'completed', 'failed', 'cancelled'];
