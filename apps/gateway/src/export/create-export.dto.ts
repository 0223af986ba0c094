import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EXPORT_FORMATS, ExportFormat, UUID_V4 } from '@housef3/contracts';

/** Accepts epoch ms or an ISO 8601 date/date-time; anything else stays as is for the validator to refuse. */
const ToEpochMs = () =>
  Transform(({ value }) => {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
      const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
      return Number.isNaN(ms) ? value : ms;
    }
    return value;
  });

export class DateRangeDto {
  /** inclusive; epoch ms or ISO date */
  @ApiProperty({ description: 'inclusive: epoch milliseconds or an ISO 8601 date / date-time', oneOf: [{ type: 'integer', minimum: 0 }, { type: 'string', description: 'YYYY-MM-DD or an ISO 8601 date-time' }], example: '2024-01-01' })
  @ToEpochMs() @IsInt({ message: 'dateRange.from must be epoch milliseconds or an ISO date' }) @Min(0) from!: number;
  /** inclusive; epoch ms or ISO date (a date means that whole day) */
  @ApiProperty({ description: 'inclusive: epoch milliseconds or an ISO 8601 date (that whole day) / date-time', oneOf: [{ type: 'integer', minimum: 0 }, { type: 'string', description: 'YYYY-MM-DD or an ISO 8601 date-time' }], example: '2024-12-31' })
  @Transform(({ value }) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T23:59:59.999Z`) : value))
  @ToEpochMs() @IsInt({ message: 'dateRange.to must be epoch milliseconds or an ISO date' }) @Min(0) to!: number;
}

/** POST /export: the design document's body, with the selective options of its phase 3. */
export class CreateExportDto {
  @ApiPropertyOptional({ description: 'include the analytics records', default: false })
  @IsOptional() @IsBoolean() includeAnalytics: boolean = false;
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'complete', description: '`selective` needs accountIds, dateRange or categoriesOnly' })
  @IsOptional() @IsIn(EXPORT_FORMATS) format: ExportFormat = 'complete';
  @ApiPropertyOptional({ maxLength: 500, description: 'free text, shown in the job list' })
  @IsOptional() @IsString() @MaxLength(500) description?: string;
  @ApiPropertyOptional({ type: [String], minItems: 1, maxItems: 100, description: 'only these accounts (selective); each must be yours', example: ['3f2b8a52-6d1e-4c57-9a3e-2b8f0c1d4e5a'] })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @Matches(UUID_V4, { each: true, message: 'each of accountIds must be an account id (lower-case UUID)' })
  accountIds?: string[];
  @ApiPropertyOptional({ type: () => DateRangeDto, description: 'only transactions in this range (selective)' })
  @IsOptional() @ValidateNested() @Type(() => DateRangeDto) dateRange?: DateRangeDto;
  @ApiPropertyOptional({ description: 'only categories and their rules (selective)' })
  @IsOptional() @IsBoolean() categoriesOnly?: boolean;
  /** preferences and recurring charges (format 1.2); complete exports include them unless false */
  @ApiPropertyOptional({ description: 'include user preferences, recurring-charge patterns, predictions and pattern feedback (format 1.2); complete exports include them unless false; a selective export cannot' })
  @IsOptional() @IsBoolean() includeUserState?: boolean;
}

/** Rules that span fields; returns the problems a user can act on. */
export function crossFieldProblems(dto: CreateExportDto): string[] {
  const selective = dto.accountIds !== undefined || dto.dateRange !== undefined || dto.categoriesOnly === true;
  const problems: string[] = [];
  if (dto.format === 'complete' && selective) problems.push('accountIds, dateRange and categoriesOnly need "format": "selective"');
  if (dto.format === 'selective' && !selective) problems.push('a selective export needs accountIds, dateRange or categoriesOnly');
  if (dto.dateRange && dto.dateRange.from > dto.dateRange.to) problems.push('dateRange.from must not be after dateRange.to');
  if (dto.categoriesOnly && (dto.accountIds || dto.dateRange || dto.includeAnalytics)) problems.push('categoriesOnly exports only categories: leave out accountIds, dateRange and includeAnalytics');
  if (selective && dto.includeUserState === true) problems.push('includeUserState needs a complete export: recurring-charge patterns reference transactions a selective export may leave out');
  if (dto.accountIds && new Set(dto.accountIds).size !== dto.accountIds.length) problems.push('accountIds lists an account twice');
  return problems;
}
