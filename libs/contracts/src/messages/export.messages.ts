import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { EntityCountsV1, ErrorInfoV1, JobId, SAFE_KEY, UUID_V4 } from './common';

export const EXPORT_FORMATS = ['complete', 'selective'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class DateRangeFilterV1 {
  /** inclusive, epoch ms */
  @IsInt() @Min(0) from!: number;
  /** inclusive, epoch ms */
  @IsInt() @Min(0) to!: number;
}

/** What the user asked to export (the design document's POST /export body, phase 3 options included). */
export class ExportOptionsV1 {
  @IsBoolean() includeAnalytics!: boolean;
  @IsIn(EXPORT_FORMATS) format!: ExportFormat;
  @IsOptional() @IsString() @MaxLength(500) description?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(1000) @Matches(UUID_V4, { each: true }) accountIds?: string[];
  @IsOptional() @ValidateNested() @Type(() => DateRangeFilterV1) dateRange?: DateRangeFilterV1;
  @IsOptional() @IsBoolean() categoriesOnly?: boolean;
  /**
   * Format 1.2: user preferences, recurring-charge patterns, their predictions and pattern
   * feedback. Complete exports include them unless this is false; selective exports never do
   * (patterns reference transactions a selection may leave out).
   */
  @IsOptional() @IsBoolean() includeUserState?: boolean;
}

/** gateway -> export-service: collect the user's data and build a package. */
export class ExportRequestedV1 {
  @JobId() exportId!: string;
  @ValidateNested() @Type(() => ExportOptionsV1) options!: ExportOptionsV1;
}

/** gateway -> export-service: the user deleted the export; stop work and remove the package. */
export class ExportCancelRequestedV1 {
  @JobId() exportId!: string;
}

/** export-service -> anyone: the package is complete, verified and downloadable. */
export class ExportCompletedV1 {
  @JobId() exportId!: string;
  @Matches(SAFE_KEY) packageKey!: string;
  @IsInt() @Min(0) packageSize!: number;
  @Matches(/^sha256:[0-9a-f]{64}$/) packageSha256!: string;
  @ValidateNested() @Type(() => EntityCountsV1) counts!: EntityCountsV1;
  @IsInt() @Min(0) filesCount!: number;
  @IsInt() @Min(0) durationMs!: number;
  @IsISO8601({ strict: true }) expiresAt!: string;
}

/** export-service -> anyone: the export failed; nothing downloadable was left behind. */
export class ExportFailedV1 {
  @JobId() exportId!: string;
  @ValidateNested() @Type(() => ErrorInfoV1) error!: ErrorInfoV1;
  @IsInt() @Min(0) durationMs!: number;
}

/** export-service -> anyone: the package passed its retention and was deleted. */
export class ExportExpiredV1 {
  @JobId() exportId!: string;
  @Matches(SAFE_KEY) packageKey!: string;
}
