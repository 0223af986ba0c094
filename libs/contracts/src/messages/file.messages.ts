import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { ErrorInfoV1, JobId, SAFE_KEY, UUID_V4 } from './common';

/**
 * export-service -> file-service: assemble the package. The plan (data entries staged by the
 * export-service, the list of original files, the manifest fields) is a JSON object in S3 at
 * planKey, so a user with thousands of files never produces an oversized Kafka message.
 */
export class FilePackageAssembleRequestedV1 {
  @JobId() exportId!: string;
  @Matches(SAFE_KEY) planKey!: string;
  @Matches(SAFE_KEY) packageKey!: string;
}

export class FilePackageAssembledV1 {
  @JobId() exportId!: string;
  @Matches(SAFE_KEY) packageKey!: string;
  @IsInt() @Min(0) packageSize!: number;
  @Matches(/^sha256:[0-9a-f]{64}$/) packageSha256!: string;
  @IsInt() @Min(0) filesCount!: number;
  @IsInt() @Min(0) filesBytes!: number;
}

export class UnreadableFileV1 {
  @Matches(UUID_V4) fileId!: string;
  @IsString() @IsNotEmpty() @MaxLength(1024) fileName!: string;
  @Matches(SAFE_KEY) s3Key!: string;
  /** e.g. NoSuchKey, InvalidObjectState (archived), AccessDenied */
  @IsString() @IsNotEmpty() @MaxLength(100) reason!: string;
}

export class FilePackageAssemblyFailedV1 {
  @JobId() exportId!: string;
  @ValidateNested() @Type(() => ErrorInfoV1) error!: ErrorInfoV1;
  @IsArray() @ArrayMaxSize(10000) @ValidateNested({ each: true }) @Type(() => UnreadableFileV1) unreadableFiles!: UnreadableFileV1[];
}

export const PACKAGE_DELETE_REASONS = ['expired', 'deleted_by_user', 'superseded'] as const;

/** export-service -> file-service: delete a package object (retention or user request). */
export class FilePackageDeleteRequestedV1 {
  @JobId() exportId!: string;
  @Matches(SAFE_KEY) packageKey!: string;
  @IsIn(PACKAGE_DELETE_REASONS) reason!: (typeof PACKAGE_DELETE_REASONS)[number];
}

export class FilePackageDeletedV1 {
  @JobId() exportId!: string;
  @Matches(SAFE_KEY) packageKey!: string;
}

/** One original file to restore from the uploaded package into the file-storage bucket. */
export class FileToRestoreV1 {
  /** the file's id after the import (the package's, or its remapped id with remapIds) */
  @Matches(UUID_V4) fileId!: string;
  /** the entry inside the package, `files/{sourceFileId}/{fileName}` */
  @IsString() @IsNotEmpty() @MaxLength(1100) entryName!: string;
  /** `{targetUserId}/{fileId}/{fileName}` in the file-storage bucket */
  @Matches(SAFE_KEY) targetKey!: string;
  @Matches(/^sha256:[0-9a-f]{64}$/) sha256!: string;
  @IsInt() @Min(0) size!: number;
}

/** import-service -> file-service: restore one chunk of original files (a saga step). */
export class FileRestoreRequestedV1 {
  @JobId() importId!: string;
  @Matches(SAFE_KEY) packageKey!: string;
  @IsInt() @Min(0) chunk!: number;
  @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => FileToRestoreV1) files!: FileToRestoreV1[];
}

export class RestoredFileV1 {
  @Matches(UUID_V4) fileId!: string;
  @Matches(SAFE_KEY) targetKey!: string;
  @Matches(/^sha256:[0-9a-f]{64}$/) sha256!: string;
  @IsInt() @Min(0) size!: number;
}

export class FileRestoredV1 {
  @JobId() importId!: string;
  @IsInt() @Min(0) chunk!: number;
  @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => RestoredFileV1) restored!: RestoredFileV1[];
}

export class FileRestoreFailedV1 {
  @JobId() importId!: string;
  @IsInt() @Min(0) chunk!: number;
  @ValidateNested() @Type(() => ErrorInfoV1) error!: ErrorInfoV1;
}

/** import-service -> file-service: compensation of the file step (delete what the import wrote, put back what it overwrote). */
export class FileRestoreCompensateRequestedV1 {
  @JobId() importId!: string;
  @IsInt() @Min(0) chunk!: number;
  @IsArray() @ArrayMaxSize(500) @Matches(SAFE_KEY, { each: true }) targetKeys!: string[];
  /** where the prior versions of overwritten objects were saved, under the job's own prefix */
  @IsOptional() @Matches(SAFE_KEY) backupPrefix?: string;
}

export class FileRestoreCompensatedV1 {
  @JobId() importId!: string;
  @IsInt() @Min(0) chunk!: number;
  @IsInt() @Min(0) deleted!: number;
  @IsInt() @Min(0) restored!: number;
}
