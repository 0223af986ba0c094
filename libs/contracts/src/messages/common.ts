import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';

/** The entity kinds of a package, in the order a restore writes them (the last four since format 1.2). */
export const ENTITY_KINDS = [
  'categories', 'file_maps', 'accounts', 'transaction_files', 'transactions', 'analytics',
  'user_preferences', 'recurring_charge_patterns', 'recurring_charge_predictions', 'pattern_feedback',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const SERVICE_NAMES = ['gateway', 'export-service', 'import-service', 'file-service', 'analytics-trigger'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** S3 object keys we hand around: relative, no leading slash, no `..` segment. */
// eslint-disable-next-line no-control-regex -- refusing NUL in keys is the point
export const SAFE_KEY = /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[^\\\u0000]{1,1024}$/;

/** Why something failed, decided where the error was born (retriable or not). */
export class ErrorInfoV1 {
  @IsString() @IsNotEmpty() @MaxLength(100) code!: string;
  @IsString() @IsNotEmpty() @MaxLength(4000) message!: string;
  @IsBoolean() retriable!: boolean;
}

/** Per-entity record counts. */
export class EntityCountsV1 {
  @IsInt() @Min(0) accounts!: number;
  @IsInt() @Min(0) transactions!: number;
  @IsInt() @Min(0) categories!: number;
  @IsInt() @Min(0) file_maps!: number;
  @IsInt() @Min(0) transaction_files!: number;
  @IsInt() @Min(0) analytics!: number;
  /** Format 1.2 entities: optional, so messages written before them stay readable. */
  @IsOptional() @IsInt() @Min(0) user_preferences?: number;
  @IsOptional() @IsInt() @Min(0) recurring_charge_patterns?: number;
  @IsOptional() @IsInt() @Min(0) recurring_charge_predictions?: number;
  @IsOptional() @IsInt() @Min(0) pattern_feedback?: number;
}

/** What a restore step did to one entity kind. */
export class WriteCountsV1 {
  @IsInt() @Min(0) created!: number;
  @IsInt() @Min(0) updated!: number;
  @IsInt() @Min(0) skipped!: number;
}

export class EntityWriteCountsV1 {
  @ValidateNested() @Type(() => WriteCountsV1) accounts!: WriteCountsV1;
  @ValidateNested() @Type(() => WriteCountsV1) transactions!: WriteCountsV1;
  @ValidateNested() @Type(() => WriteCountsV1) categories!: WriteCountsV1;
  @ValidateNested() @Type(() => WriteCountsV1) file_maps!: WriteCountsV1;
  @ValidateNested() @Type(() => WriteCountsV1) transaction_files!: WriteCountsV1;
  @ValidateNested() @Type(() => WriteCountsV1) analytics!: WriteCountsV1;
  /** Format 1.2 entities: optional, so messages written before them stay readable. */
  @IsOptional() @ValidateNested() @Type(() => WriteCountsV1) user_preferences?: WriteCountsV1;
  @IsOptional() @ValidateNested() @Type(() => WriteCountsV1) recurring_charge_patterns?: WriteCountsV1;
  @IsOptional() @ValidateNested() @Type(() => WriteCountsV1) recurring_charge_predictions?: WriteCountsV1;
  @IsOptional() @ValidateNested() @Type(() => WriteCountsV1) pattern_feedback?: WriteCountsV1;
}

export class EntityKindField {
  @IsIn(ENTITY_KINDS) entity!: EntityKind;
}

export class OptionalDescription {
  @IsOptional() @IsString() @MaxLength(500) description?: string;
}

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const JobId = () => Matches(UUID_V4, { message: '$property must be a lower-case UUIDv4' });
