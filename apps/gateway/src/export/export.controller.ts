import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Redirect } from '@nestjs/common';
import { ApiAcceptedResponse, ApiFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiAuthenticated, ApiErrors } from '../http/api-docs.decorators';
import { badRequest } from '../http/api-error';
import { ListQuery } from '../http/list-query.dto';
import { CreateExportDto } from './create-export.dto';
import { CreateExportResponse, DeleteExportResponse, DownloadLinkResponse, ExportListResponse, ExportStatusResponse } from './export.responses';
import { ExportService } from './export.service';

const ExportId = () => Param('exportId', new ParseUUIDPipe({ version: '4', exceptionFactory: () => badRequest('exportId must be an export id (a lower-case UUID)') }));
const ExportIdParam = () => ApiParam({ name: 'exportId', format: 'uuid' });

@ApiTags('export')
@ApiAuthenticated()
@Controller('export')
export class ExportController {
  constructor(@Inject(ExportService) private readonly exports: ExportService) {}

  @Post()
  @HttpCode(202)
  @Audited('export.requested')
  @ApiOperation({ operationId: 'createExport', summary: 'Start an export of your data' })
  @ApiAcceptedResponse({ type: CreateExportResponse })
  @ApiErrors(400, 503, 429)
  create(@CurrentUser() userId: string, @Body() body: CreateExportDto): Promise<CreateExportResponse> {
    return this.exports.create(userId, body);
  }

  @Get()
  @ApiOperation({ operationId: 'listExports', summary: 'Your exports, newest first' })
  @ApiOkResponse({ type: ExportListResponse })
  @ApiErrors(400)
  list(@CurrentUser() userId: string, @Query() query: ListQuery): Promise<ExportListResponse> {
    return this.exports.list(userId, query.limit, query.cursor);
  }

  @Get(':exportId/status')
  @ApiOperation({ operationId: 'getExportStatus', summary: 'Status, progress and, once completed, a download link' })
  @ExportIdParam()
  @ApiOkResponse({ type: ExportStatusResponse })
  @ApiErrors(400, 404)
  status(@CurrentUser() userId: string, @ExportId() exportId: string): Promise<ExportStatusResponse> {
    return this.exports.status(userId, exportId);
  }

  @Get(':exportId/download-link')
  @Audited('export.download_url_issued')
  @ApiOperation({ operationId: 'getExportDownloadLink', summary: 'A short-lived signed link to the package that works as a plain link (no bearer token)' })
  @ExportIdParam()
  @ApiOkResponse({ type: DownloadLinkResponse })
  @ApiErrors(400, 404, 409, 410)
  downloadLink(@CurrentUser() userId: string, @ExportId() exportId: string): Promise<DownloadLinkResponse> {
    return this.exports.downloadLink(userId, exportId);
  }

  @Get(':exportId/download')
  @Redirect(undefined, 302)
  @ApiOperation({ operationId: 'downloadExport', summary: 'Redirects to the signed link (for clients that send a bearer token; a browser link uses download-link)' })
  @ExportIdParam()
  @ApiFoundResponse({ description: 'Location: the signed link to the package' })
  @ApiErrors(400, 404, 409, 410)
  @Audited('export.download_url_issued')
  async download(@CurrentUser() userId: string, @ExportId() exportId: string) {
    return { url: (await this.exports.downloadLink(userId, exportId)).url };
  }

  @Delete(':exportId')
  @HttpCode(202)
  @Audited('export.deleted')
  @ApiOperation({ operationId: 'deleteExport', summary: 'Delete the export and its package' })
  @ExportIdParam()
  @ApiAcceptedResponse({ type: DeleteExportResponse })
  @ApiErrors(400, 404)
  remove(@CurrentUser() userId: string, @ExportId() exportId: string): Promise<DeleteExportResponse> {
    return this.exports.remove(userId, exportId);
  }
}
