import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MERGE_STRATEGIES, MergeStrategy } from '@housef3/contracts';
import { ListQuery } from '../http/list-query.dto';

/** S3's limits on a multipart upload. */
export const MAX_PARTS = 10_000;
export const MIN_PART_BYTES = 5 * 1024 * 1024;
export const MAX_PART_BYTES = 5 * 1024 * 1024 * 1024;

/** POST /import/upload: the package's size, which the upload URL signs (Content-Length): nothing else can be PUT there. */
export class CreateUploadDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'bytes, exactly: the upload URL signs this Content-Length, so nothing else can be PUT there (at most 5 GiB: use the multipart upload above that)' })
  @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) size!: number;
}

/** POST /import/upload/multipart: the package's exact size; the parts follow from it. */
export class CreateMultipartUploadDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'the package size in bytes, exactly; every part URL is signed for its exact length' })
  @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) size!: number;

  @ApiPropertyOptional({ type: 'integer', minimum: MIN_PART_BYTES, maximum: MAX_PART_BYTES, description: 'bytes per part (all but the last); default from configuration, raised when the package needs more than 10,000 parts' })
  @IsOptional() @IsInt() @Min(MIN_PART_BYTES) @Max(MAX_PART_BYTES) partSize?: number;
}

/** POST /import/{importId}/upload/part-urls: which parts to sign (ask in batches, as you go). */
export class PartUrlsDto {
  @ApiProperty({ type: [Number], minItems: 1, maxItems: 100, description: '1-based part numbers', example: [1, 2, 3] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ArrayUnique() @IsInt({ each: true }) @Min(1, { each: true }) @Max(MAX_PARTS, { each: true })
  partNumbers!: number[];
}

/** POST /import/{id}/start: the design document's body, plus remapIds. */
export class StartImportDto {
  @ApiPropertyOptional({ default: false, description: 'confirms mergeStrategy "overwrite"' })
  @IsOptional() @IsBoolean() overwriteExisting: boolean = false;
  @ApiPropertyOptional({ default: false, description: 'validate only; write nothing' })
  @IsOptional() @IsBoolean() validateOnly: boolean = false;
  @ApiPropertyOptional({ enum: MERGE_STRATEGIES, default: 'fail_on_conflict' })
  @IsOptional() @IsIn(MERGE_STRATEGIES) mergeStrategy: MergeStrategy = 'fail_on_conflict';
  @ApiPropertyOptional({ default: false, description: 'give every restored record a new id (restore into another account or twice)' })
  @IsOptional() @IsBoolean() remapIds: boolean = false;
}

export const ISSUE_SEVERITIES = ['error', 'warning'] as const;
export type IssueSeverity = (typeof ISSUE_SEVERITIES)[number];

/** GET /import/{importId}/issues: filters and the page. */
export class IssuesQuery extends ListQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) override limit: number = 100;

  @ApiPropertyOptional({ enum: ISSUE_SEVERITIES })
  @IsOptional() @IsIn(ISSUE_SEVERITIES) severity?: IssueSeverity;

  @ApiPropertyOptional({ description: 'an issue code, e.g. CONFLICT', example: 'DANGLING_REFERENCE' })
  @IsOptional() @IsString() @MaxLength(100) @Matches(/^[A-Z][A-Z0-9_]*$/, { message: 'code must be an issue code like DANGLING_REFERENCE' }) code?: string;
}
