/**
 * The data the page shows, by the names the API document gives them. Every shape comes from the
 * client generated from docs/openapi.json; this file only gives them short names.
 */
export type {
  ExportStatus, ExportSummary, ExportList, CreateExportRequest, CreateExportResponse,
  ImportStatus, ImportSummary, ImportList, StartImportRequest, CreateUploadResponse, ApiErrorBody, ValidationIssue,
} from './generated';
