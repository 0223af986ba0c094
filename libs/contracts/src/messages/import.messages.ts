import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { EntityCountsV1, EntityWriteCountsV1, ErrorInfoV1, JobId, SAFE_KEY, WriteCountsV1 } from './common';

export const MERGE_STRATEGIES = ['fail_on_conflict', 'overwrite', 'skip_existing'] as const;
export type MergeStrategy = (typeof MERGE_STRATEGIES)[number];

/**
 * The saga's forward steps, in execution order. Each step but `validate` and `verify` has a
 * compensating step that undoes exactly what it did (see docs/saga.md).
 */
export const SAGA_STEPS = [
  'validate', 'categories', 'file_maps', 'accounts', 'transaction_files', 'files', 'transactions', 'analytics',
  'user_preferences', 'recurring_charge_patterns', 'recurring_charge_predictions', 'pattern_feedback', 'verify',
] as const;
export type SagaStep = (typeof SAGA_STEPS)[number];

/** The design document's POST /import/{id}/start body, plus remapIds. */
export class ImportOptionsV1 {
  @IsBoolean() overwriteExisting!: boolean;
  @IsBoolean() validateOnly!: boolean;
  @IsIn(MERGE_STRATEGIES) mergeStrategy!: MergeStrategy;
  @IsBoolean() remapIds!: boolean;
}

/** gateway -> import-service: validate the uploaded package and, unless validateOnly, restore it. */
export class ImportRequestedV1 {
  @JobId() importId!: string;
  @Matches(SAFE_KEY) packageKey!: string;
  @ValidateNested() @Type(() => ImportOptionsV1) options!: ImportOptionsV1;
}

/** gateway -> import-service: the user cancelled; compensate what was done. */
export class ImportCancelRequestedV1 {
  @JobId() importId!: string;
}

export class ImportStepCompletedV1 {
  @JobId() importId!: string;
  @IsIn(SAGA_STEPS) step!: SagaStep;
  @IsInt() @Min(0) chunk!: number;
  /** true when this was the step's last chunk */
  @IsBoolean() stepDone!: boolean;
  @ValidateNested() @Type(() => WriteCountsV1) counts!: WriteCountsV1;
}

export class ImportCompensationCompletedV1 {
  @JobId() importId!: string;
  @IsIn(SAGA_STEPS) step!: SagaStep;
  @IsInt() @Min(0) deleted!: number;
  @IsInt() @Min(0) restored!: number;
}

export const VALIDATION_OUTCOMES = ['validation_passed', 'validation_failed'] as const;

/** import-service -> anyone: validation finished (validateOnly jobs end here). */
export class ImportValidatedV1 {
  @JobId() importId!: string;
  @IsIn(VALIDATION_OUTCOMES) outcome!: (typeof VALIDATION_OUTCOMES)[number];
  @ValidateNested() @Type(() => EntityCountsV1) valid!: EntityCountsV1;
  @IsInt() @Min(0) warnings!: number;
  @IsInt() @Min(0) errors!: number;
}

/**
 * PUBLIC CONTRACT. import-service -> analytics and any other service: an import completed and
 * every record and file it reports is in place. Consumers rebuild analytics when
 * regenerateAnalytics is true (always, unless the package's analytics were restored).
 */
export class ImportCompletedV1 {
  @JobId() importId!: string;
  @ValidateNested() @Type(() => EntityWriteCountsV1) counts!: EntityWriteCountsV1;
  @IsInt() @Min(0) filesRestored!: number;
  @IsBoolean() analyticsRestored!: boolean;
  @IsBoolean() regenerateAnalytics!: boolean;
  @IsBoolean() idsRemapped!: boolean;
  @IsInt() @Min(0) durationMs!: number;
  @IsISO8601({ strict: true }) completedAt!: string;
}

/** import-service -> anyone: the import failed and everything it wrote was rolled back. */
export class ImportFailedV1 {
  @JobId() importId!: string;
  @ValidateNested() @Type(() => ErrorInfoV1) error!: ErrorInfoV1;
  @IsOptional() @IsIn(SAGA_STEPS) failedStep?: SagaStep;
  /** true when every compensation ran: nothing of the import is left */
  @IsBoolean() compensated!: boolean;
  @IsOptional() @IsString() @MaxLength(200) cancelledBy?: string;
}
