import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
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
  upload(@CurrentUser() userId: string, @Body() body: CreateUploadDto) {
    return this.imports.createUpload(userId, body);
  }

  @Post(':importId/start')
  @HttpCode(202)
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
  cancel(@CurrentUser() userId: string, @ImportId() importId: string) {
    return this.imports.cancel(userId, importId);
  }
}
