import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EXPORT_FORMATS, ExportFormat } from '@housef3/contracts';
import { EXPORT_PHASES, EXPORT_STATUSES, ExportPhase, ExportStatus } from '@housef3/jobs';

const COUNTS = { type: 'object', additionalProperties: { type: 'integer', minimum: 0 }, example: { accounts: 5, transactions: 2847, categories: 40, file_maps: 3, transaction_files: 12, analytics: 0 } } as const;

/** 202 of POST /export: the design document's body. */
export class CreateExportResponse {
  @ApiProperty({ format: 'uuid' }) exportId!: string;
  @ApiProperty({ enum: ['initiated'] }) status!: 'initiated';
  @ApiProperty({ example: '~25MB', description: 'a rough size of the package' }) estimatedSize!: string;
  @ApiProperty({ format: 'date-time', description: 'a rough time the package will be ready' }) estimatedCompletion!: string;
}

export class ExportProgressDetail {
  @ApiProperty({ minimum: 0, maximum: 1, description: 'the fraction behind `progress`, weighted by records and bytes' }) fraction!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) recordsDone!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) recordsEstimated!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) bytesDone!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) bytesEstimated!: number;
}

/** GET /export/{exportId}/status. */
export class ExportStatusResponse {
  @ApiProperty({ format: 'uuid' }) exportId!: string;
  @ApiProperty({ enum: EXPORT_STATUSES }) status!: ExportStatus;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, description: 'percent; never decreases; 100 only when completed' }) progress!: number;
  @ApiProperty({ enum: EXPORT_PHASES, description: 'where the export is (same name as the import\'s)' }) currentPhase!: ExportPhase;
  @ApiProperty({ enum: EXPORT_PHASES, deprecated: true, description: 'the same as currentPhase (kept for older clients)' }) phase!: ExportPhase;
  @ApiProperty({ type: () => ExportProgressDetail }) progressDetail!: ExportProgressDetail;
  @ApiPropertyOptional({ format: 'date-time', description: 'projected from the time spent and the progress so far; absent before work starts and after the end' }) estimatedCompletionAt?: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ enum: EXPORT_FORMATS }) format!: ExportFormat;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) completedAt?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'bytes' }) packageSize?: number;
  @ApiPropertyOptional({ ...COUNTS, description: 'records per entity in the package' }) counts?: Record<string, number>;
  @ApiPropertyOptional({ format: 'uri', description: 'short-lived signed link to the package; works as a plain link (no bearer token)' }) downloadUrl?: string;
  @ApiPropertyOptional({ format: 'date-time' }) downloadUrlExpiresAt?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'when the package will be deleted' }) expiresAt?: string;
  @ApiPropertyOptional({ description: 'why the export failed' }) error?: string;
  @ApiPropertyOptional({ description: 'stable code of the failure' }) errorCode?: string;
}

export class ExportSummary {
  @ApiProperty({ format: 'uuid' }) exportId!: string;
  @ApiProperty({ enum: EXPORT_STATUSES }) status!: ExportStatus;
  @ApiProperty({ enum: EXPORT_FORMATS }) format!: ExportFormat;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) completedAt?: string;
  @ApiPropertyOptional({ type: 'integer' }) packageSize?: number;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) progress!: number;
  @ApiProperty({ enum: EXPORT_PHASES }) currentPhase!: ExportPhase;
}

/** GET /export: newest first. */
export class ExportListResponse {
  @ApiProperty({ type: () => [ExportSummary] }) exports!: ExportSummary[];
  @ApiPropertyOptional({ description: 'pass as `cursor` for the next page; absent on the last page' }) nextCursor?: string;
}

/** GET /export/{exportId}/download-link. */
export class DownloadLinkResponse {
  @ApiProperty({ format: 'uri', description: 'signed, short-lived: use it as a plain link (an <a href>), no bearer token needed' }) url!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ example: 'export_20240115T103000Z_user.zip' }) fileName!: string;
  @ApiProperty({ type: 'integer', description: 'bytes' }) size!: number;
}

/** 202 of DELETE /export/{exportId}. */
export class DeleteExportResponse {
  @ApiProperty({ format: 'uuid' }) exportId!: string;
  @ApiProperty({ enum: ['deleting'] }) status!: 'deleting';
}
