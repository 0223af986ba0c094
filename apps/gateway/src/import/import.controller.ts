import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Audited } from '../audit/audited';
import { CurrentUser } from '../auth/current-user.decorator';
import { CreateUploadDto, StartImportDto } from './import.dto';
import { ImportService } from './import.service';

class ListQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit: number = 20;
  @IsOptional() @IsString() @MaxLength(2000) cursor?: string;
}

const ImportId = () => Param('importId', new ParseUUIDPipe({ version: '4' }));

@Controller('import')
export class ImportController {
  constructor(@Inject(ImportService) private readonly imports: ImportService) {}

  @Post('upload')
  @HttpCode(201)
  @Audited('import.upload_url_issued')
  upload(@CurrentUser() userId: string, @Body() body: CreateUploadDto) {
    return this.imports.createUpload(userId, body);
  }

  @Post(':importId/start')
  @HttpCode(202)
  @Audited('import.started')
  start(@CurrentUser() userId: string, @ImportId() importId: string, @Body() body: StartImportDto) {
    return this.imports.start(userId, importId, body);
  }

  @Get()
  list(@CurrentUser() userId: string, @Query() query: ListQuery) {
    return this.imports.list(userId, query.limit, query.cursor);
  }

  @Get(':importId/status')
  status(@CurrentUser() userId: string, @ImportId() importId: string) {
    return this.imports.status(userId, importId);
  }

  @Post(':importId/cancel')
  @HttpCode(202)
  @Audited('import.cancelled')
  cancel(@CurrentUser() userId: string, @ImportId() importId: string) {
    return this.imports.cancel(userId, importId);
  }

  /** Erasure: the import's upload, pinned package and every object under its prefix go; the job is marked deleted. */
  @Delete(':importId')
  @HttpCode(202)
  @Audited('import.deleted')
  remove(@CurrentUser() userId: string, @ImportId() importId: string) {
    return this.imports.remove(userId, importId);
  }
}
