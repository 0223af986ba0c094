// Interim: replaced by the client generated from docs/openapi.json (libs/api-client).
export interface ExportStatus {
  exportId: string;
  status: 'initiated' | 'processing' | 'completed' | 'failed' | 'expired' | 'deleting' | 'deleted';
  progress: number;
  phase: string;
  progressDetail?: { fraction: number; recordsDone: number; recordsEstimated: number; bytesDone: number; bytesEstimated: number };
  description?: string;
  format: 'complete' | 'selective';
  requestedAt: string;
  completedAt?: string;
  packageSize?: number;
  counts?: Record<string, number>;
  downloadUrl?: string;
  downloadUrlExpiresAt?: string;
  expiresAt?: string;
  error?: string;
  errorCode?: string;
}
export interface ExportSummary {
  exportId: string;
  status: ExportStatus['status'];
  format: string;
  description?: string;
  requestedAt: string;
  completedAt?: string;
  packageSize?: number;
  progress: number;
}
export interface ExportList { exports: ExportSummary[]; nextCursor?: string }
export interface CreateExportRequest {
  includeAnalytics?: boolean;
  format?: 'complete' | 'selective';
  description?: string;
  accountIds?: string[];
  dateRange?: { from: number | string; to: number | string };
  categoriesOnly?: boolean;
}
export interface CreateExportResponse { exportId: string; status: string; estimatedSize: string; estimatedCompletion: string }
export interface ValidationIssue { entity: string; id?: string; field: string; message: string; code?: string; severity?: string }
export interface ImportStatus {
  importId: string;
  status: string;
  progress: number;
  currentPhase: string;
  options?: { remapIds?: boolean; mergeStrategy?: string; validateOnly?: boolean };
  uploadedAt?: string;
  completedAt?: string;
  validationSummary?: Record<string, { valid: number; warnings: number; errors: number }>;
  summary?: Record<string, number>;
  errors?: ValidationIssue[];
  warnings?: ValidationIssue[];
  issueCounts?: Record<string, number>;
  errorCount: number;
  warningCount?: number;
  error?: string;
  errorCode?: string;
  failedStep?: string;
}
export interface ImportSummary { importId: string; status: string; uploadedAt: string; completedAt?: string }
export interface ImportList { imports: ImportSummary[]; nextCursor?: string }
export interface StartImportRequest { overwriteExisting?: boolean; validateOnly?: boolean; mergeStrategy?: 'fail_on_conflict' | 'overwrite' | 'skip_existing'; remapIds?: boolean }
export interface CreateUploadResponse { importId: string; uploadUrl: string; uploadHeaders: Record<string, string>; uploadExpires?: string; maxSize?: number }
export interface ApiErrorBody { code: string; message: string; details?: unknown }
