import type { Schemas } from '@housef3/api-client';

/** The data the page shows, by short names, all from the client generated from docs/openapi.json. */
export type ExportStatus = Schemas['ExportStatusResponse'];
export type ExportSummary = Schemas['ExportSummary'];
export type ExportList = Schemas['ExportListResponse'];
export type CreateExportRequest = Schemas['CreateExportDto'];
export type CreateExportResponse = Schemas['CreateExportResponse'];
export type ExportEstimate = Schemas['ExportEstimateResponse'];
export type ImportStatus = Schemas['ImportStatusResponse'];
export type ImportIssue = Schemas['ImportIssue'];
export type IssueTotal = Schemas['IssueTotal'];
export type StartImportRequest = Schemas['StartImportDto'];
export type MultipartUpload = Schemas['MultipartUploadResponse'];
export type UploadedParts = Schemas['UploadedPartsResponse'];
export type PartUrls = Schemas['PartUrlsResponse'];
export type ApiErrorBody = Schemas['ErrorBody'];
