import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MERGE_STRATEGIES, MergeStrategy } from '@housef3/contracts';

/** POST /import/upload: the package's size, which the upload URL signs (Content-Length): nothing else can be PUT there. */
export class CreateUploadDto {
  @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) size!: number;
}

/** POST /import/{id}/start: the design document's body, plus remapIds. */
export class StartImportDto {
  @IsOptional() @IsBoolean() overwriteExisting: boolean = false;
  @IsOptional() @IsBoolean() validateOnly: boolean = false;
  @IsOptional() @IsIn(MERGE_STRATEGIES) mergeStrategy: MergeStrategy = 'fail_on_conflict';
  @IsOptional() @IsBoolean() remapIds: boolean = false;
}
