import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Redirect } from '@nestjs/common';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { Audited } from '../audit/audited';
import { CurrentUser } from '../auth/current-user.decorator';
import { CreateExportDto } from './create-export.dto';
import { ExportService } from './export.service';

class ListQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit: number = 20;
  @IsOptional() @IsString() @MaxLength(2000) cursor?: string;
}

const ExportId = () => Param('exportId', new ParseUUIDPipe({ version: '4' }));

@Controller('export')
export class ExportController {
  constructor(@Inject(ExportService) private readonly exports: ExportService) {}

  @Post()
  @HttpCode(202)
  @Audited('export.requested')
  create(@CurrentUser() userId: string, @Body() body: CreateExportDto) {
    return this.exports.create(userId, body);
  }

  @Get()
  list(@CurrentUser() userId: string, @Query() query: ListQuery) {
    return this.exports.list(userId, query.limit, query.cursor);
  }

  @Get(':exportId/status')
  status(@CurrentUser() userId: string, @ExportId() exportId: string) {
    return this.exports.status(userId, exportId);
  }

  @Get(':exportId/download')
  @Redirect(undefined, 302)
  @Audited('export.download_url_issued')
  async download(@CurrentUser() userId: string, @ExportId() exportId: string) {
    return { url: await this.exports.downloadUrl(userId, exportId) };
  }

  @Delete(':exportId')
  @HttpCode(202)
  @Audited('export.deleted')
  remove(@CurrentUser() userId: string, @ExportId() exportId: string) {
    return this.exports.remove(userId, exportId);
  }
}
