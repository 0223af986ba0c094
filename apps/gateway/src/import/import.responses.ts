import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { MERGE_STRATEGIES, MergeStrategy, SAGA_STEPS } from '@housef3/contracts';
import { IMPORT_STATUSES, ImportStatus } from '@housef3/jobs';
import { ISSUE_SEVERITIES, IssueSeverity } from './import.dto';

/** 201 of POST /import/upload. */
export class CreateUploadResponse {
  @ApiProperty({ format: 'uuid' }) importId!: string;
  @ApiProperty({ format: 'uri', description: 'PUT the package here with uploadHeaders' }) uploadUrl!: string;
  @ApiProperty({ format: 'date-time' }) uploadExpires!: string;
  @ApiProperty({ type: 'integer', description: 'the largest package accepted, bytes' }) maxSize!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { 'Content-Type': 'application/zip', 'x-amz-server-side-encryption': 'AES256' } })
  uploadHeaders!: Record<string, string>;
}

/** 201 of POST /import/upload/multipart. */
export class MultipartUploadResponse {
  @ApiProperty({ format: 'uuid' }) importId!: string;
  @ApiProperty({ type: 'integer', description: 'the package size, bytes' }) size!: number;
  @ApiProperty({ type: 'integer', description: 'bytes of every part but the last' }) partSize!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10000 }) partCount!: number;
  @ApiProperty({ type: 'integer', description: 'the largest package accepted, bytes' }) maxSize!: number;
  @ApiProperty({ format: 'date-time', description: 'part URLs can be asked for until then' }) uploadExpires!: string;
}

export class PartUrl {
  @ApiProperty({ type: 'integer', minimum: 1 }) partNumber!: number;
  @ApiProperty({ format: 'uri', description: 'PUT exactly `size` bytes of this part here' }) url!: string;
  @ApiProperty({ type: 'integer' }) size!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { 'Content-Length': '16777216' } }) headers!: Record<string, string>;
}

export class PartUrlsResponse {
  @ApiProperty({ type: () => [PartUrl] }) parts!: PartUrl[];
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class UploadedPart {
  @ApiProperty({ type: 'integer', minimum: 1 }) partNumber!: number;
  @ApiProperty({ type: 'integer' }) size!: number;
  @ApiProperty() etag!: string;
}

/** GET /import/{importId}/upload/parts: what arrived, to resume after a broken connection. */
export class UploadedPartsResponse {
  @ApiProperty({ format: 'uuid' }) importId!: string;
  @ApiProperty({ type: 'integer' }) size!: number;
  @ApiProperty({ type: 'integer' }) partSize!: number;
  @ApiProperty({ type: 'integer' }) partCount!: number;
  @ApiProperty({ type: () => [UploadedPart], description: 'parts uploaded with the expected size, in order' }) parts!: UploadedPart[];
  @ApiProperty({ type: [Number], description: 'parts still to upload (or to upload again)' }) missingParts!: number[];
  @ApiProperty({ type: 'integer' }) bytesUploaded!: number;
}

/** POST /import/{importId}/upload/complete. */
export class CompleteUploadResponse {
  @ApiProperty({ format: 'uuid' }) importId!: string;
  @ApiProperty({ type: 'integer' }) size!: number;
  @ApiProperty({ enum: ['awaiting_upload'], description: 'the package is in place: start the import' }) status!: 'awaiting_upload';
}

export class StartImportResponse {
  @ApiProperty({ format: 'uuid' }) importId!: string;
  @ApiProperty({ enum: ['initiated'] }) status!: 'initiated';
}

export class CancelImportResponse {
  @ApiProperty({ format: 'uuid' }) importId!: string;
  @ApiProperty({ enum: ['cancelled', 'cancelling'] }) status!: 'cancelled' | 'cancelling';
}

export class DeleteImportResponse {
  @ApiProperty({ format: 'uuid' }) importId!: string;
  @ApiProperty({ enum: ['deleted'] }) status!: 'deleted';
}

export class ImportOptions {
  @ApiProperty() overwriteExisting!: boolean;
  @ApiProperty() validateOnly!: boolean;
  @ApiProperty({ enum: MERGE_STRATEGIES }) mergeStrategy!: MergeStrategy;
  @ApiProperty() remapIds!: boolean;
}

export class EntityValidation {
  @ApiProperty({ type: 'integer' }) valid!: number;
  @ApiProperty({ type: 'integer' }) warnings!: number;
  @ApiProperty({ type: 'integer' }) errors!: number;
}

/** One problem of a package: where, what, and its stable code. */
export class ImportIssue {
  @ApiProperty({ enum: ISSUE_SEVERITIES }) severity!: IssueSeverity;
  @ApiProperty({ example: 'DANGLING_REFERENCE', description: 'stable; see docs/import-validation.md' }) code!: string;
  @ApiProperty({ example: 'transactions', description: "the entity file, or 'package'" }) entity!: string;
  @ApiPropertyOptional({ description: "the record's id" }) id?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'position of the record in its entity file' }) index?: number;
  @ApiProperty({ example: 'accountId', description: "field inside the record; '' for a whole record" }) field!: string;
  @ApiProperty({ description: 'for people: where, what is wrong, what to do' }) message!: string;
}

export class IssueTotal {
  @ApiProperty({ example: 'CONFLICT' }) code!: string;
  @ApiProperty({ enum: ISSUE_SEVERITIES }) severity!: IssueSeverity;
  @ApiProperty({ type: 'integer', minimum: 1 }) count!: number;
}

/** GET /import/{importId}/status: the design document's view, with the whole report's totals. */
@ApiExtraModels(EntityValidation)
export class ImportStatusResponse {
  @ApiProperty({ format: 'uuid' }) importId!: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status!: ImportStatus;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, description: 'percent of the whole job; never decreases; 100 only at the end' }) progress!: number;
  @ApiProperty({ example: 'restoring_transactions', description: `awaiting_upload, validating, validated, restoring_{step}, verifying, rolling_back_{step}, done, rolled_back (steps: ${SAGA_STEPS.join(', ')})` })
  currentPhase!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'projected from the time spent and the progress so far; absent before work starts and after the end' }) estimatedCompletionAt?: string;
  @ApiPropertyOptional({ type: () => ImportOptions }) options?: ImportOptions;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) completedAt?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { $ref: getSchemaPath(EntityValidation) }, description: 'per entity file' })
  validationSummary?: Record<string, EntityValidation>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { accounts_created: 5, transactions_created: 1200, files_restored: 3 } }) summary!: Record<string, number>;
  @ApiProperty({ type: () => [ImportIssue], description: 'the first errors (errors first, fairly across codes); all of them: GET /import/{importId}/issues' }) errors!: ImportIssue[];
  @ApiProperty({ type: () => [ImportIssue], description: 'the first warnings; all of them: GET /import/{importId}/issues?severity=warning' }) warnings!: ImportIssue[];
  @ApiProperty({ type: 'integer' }) errorCount!: number;
  @ApiProperty({ type: 'integer' }) warningCount!: number;
  @ApiPropertyOptional({ description: 'what the upload was recognized as, e.g. housef3-backup-1.1 or housef3-fzip-1.0 (a backup made by HouseF3 itself)', example: 'housef3-fzip-1.0' })
  sourceFormat?: string;
  @ApiProperty({ type: () => [IssueTotal], description: 'how many issues of each code and severity, listed or not' }) issueTotals!: IssueTotal[];
  @ApiProperty({ description: 'the full report can be read (GET /import/{importId}/issues and /report.csv)' }) reportAvailable!: boolean;
  @ApiPropertyOptional({ description: 'why the import failed' }) error?: string;
  @ApiPropertyOptional() errorCode?: string;
  @ApiPropertyOptional({ enum: SAGA_STEPS }) failedStep?: string;
}

export class ImportSummary {
  @ApiProperty({ format: 'uuid' }) importId!: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status!: ImportStatus;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) completedAt?: string;
  @ApiPropertyOptional({ type: () => ImportOptions }) options?: ImportOptions;
}

export class ImportListResponse {
  @ApiProperty({ type: () => [ImportSummary] }) imports!: ImportSummary[];
  @ApiPropertyOptional() nextCursor?: string;
}

/** GET /import/{importId}/issues: one page of the whole report, in the order found. */
export class IssuesPageResponse {
  @ApiProperty({ type: () => [ImportIssue] }) issues!: ImportIssue[];
  @ApiPropertyOptional({ description: 'pass as `cursor` (with the same filters) for the next page; absent on the last page' }) nextCursor?: string;
  @ApiProperty({ type: () => [IssueTotal] }) totals!: IssueTotal[];
}
