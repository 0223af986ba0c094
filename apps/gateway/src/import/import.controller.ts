import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiAuthenticated, ApiErrors } from '../http/api-docs.decorators';
import { badRequest } from '../http/api-error';
import { ListQuery } from '../http/list-query.dto';
import { CreateMultipartUploadDto, CreateUploadDto, IssuesQuery, PartUrlsDto, StartImportDto } from './import.dto';
import {
  CancelImportResponse, CompleteUploadResponse, DeleteImportResponse, CreateUploadResponse, ImportListResponse, ImportStatusResponse, IssuesPageResponse, MultipartUploadResponse,
  PartUrlsResponse, StartImportResponse, UploadedPartsResponse,
} from './import.responses';
import { ImportService } from './import.service';
import { ImportUploads } from './import-uploads.service';
import { ImportReports } from './import-reports.service';

const ImportId = () => Param('importId', new ParseUUIDPipe({ version: '4', exceptionFactory: () => badRequest('importId must be an import id (a lower-case UUID)') }));
const ImportIdParam = () => ApiParam({ name: 'importId', format: 'uuid' });

@ApiTags('import')
@ApiAuthenticated()
@Controller('import')
export class ImportController {
  constructor(
    @Inject(ImportService) private readonly imports: ImportService,
    @Inject(ImportUploads) private readonly uploads: ImportUploads,
    @Inject(ImportReports) private readonly reports: ImportReports,
  ) {}

  @Post('upload')
  @HttpCode(201)
  @ApiOperation({ operationId: 'createUpload', summary: 'A new import and one signed URL to PUT the package to (up to 5 GiB)' })
  @ApiCreatedResponse({ type: CreateUploadResponse })
  @ApiErrors(400, 413, 429)
  @Audited('import.upload_url_issued')
  upload(@CurrentUser() userId: string, @Body() body: CreateUploadDto): Promise<CreateUploadResponse> {
    return this.uploads.createSingle(userId, body);
  }

  @Post('upload/multipart')
  @HttpCode(201)
  @ApiOperation({ operationId: 'createMultipartUpload', summary: 'A new import whose package is uploaded in parts (resumable; any size up to the maximum)' })
  @ApiCreatedResponse({ type: MultipartUploadResponse })
  @ApiErrors(400, 413, 429)
  @Audited('import.upload_url_issued')
  multipart(@CurrentUser() userId: string, @Body() body: CreateMultipartUploadDto): Promise<MultipartUploadResponse> {
    return this.uploads.createMultipart(userId, body);
  }

  @Post(':importId/upload/part-urls')
  @HttpCode(200)
  @ApiOperation({ operationId: 'getUploadPartUrls', summary: 'Signed URLs to PUT the given parts to' })
  @ImportIdParam()
  @ApiOkResponse({ type: PartUrlsResponse })
  @ApiErrors(400, 404, 409, 429)
  partUrls(@CurrentUser() userId: string, @ImportId() importId: string, @Body() body: PartUrlsDto): Promise<PartUrlsResponse> {
    return this.uploads.partUrls(userId, importId, body.partNumbers);
  }

  @Get(':importId/upload/parts')
  @ApiOperation({ operationId: 'listUploadedParts', summary: 'The parts uploaded so far and the ones missing: resume from here' })
  @ImportIdParam()
  @ApiOkResponse({ type: UploadedPartsResponse })
  @ApiErrors(400, 404, 409)
  parts(@CurrentUser() userId: string, @ImportId() importId: string): Promise<UploadedPartsResponse> {
    return this.uploads.listParts(userId, importId);
  }

  @Post(':importId/upload/complete')
  @HttpCode(200)
  @ApiOperation({ operationId: 'completeUpload', summary: 'Assemble the uploaded parts into the package (every part must be there)' })
  @ImportIdParam()
  @ApiOkResponse({ type: CompleteUploadResponse })
  @ApiErrors(400, 404, 409, 413, 429)
  complete(@CurrentUser() userId: string, @ImportId() importId: string): Promise<CompleteUploadResponse> {
    return this.uploads.complete(userId, importId);
  }

  @Delete(':importId/upload')
  @HttpCode(202)
  @ApiOperation({ operationId: 'abortUpload', summary: 'Give up a multipart upload: its parts are deleted and the import is cancelled' })
  @ImportIdParam()
  @ApiAcceptedResponse({ type: CancelImportResponse })
  @ApiErrors(400, 404, 409)
  abort(@CurrentUser() userId: string, @ImportId() importId: string): Promise<CancelImportResponse> {
    return this.uploads.abort(userId, importId);
  }

  @Post(':importId/start')
  @HttpCode(202)
  @Audited('import.started')
  @ApiOperation({ operationId: 'startImport', summary: 'Validate the uploaded package and, unless validateOnly, restore it' })
  @ImportIdParam()
  @ApiAcceptedResponse({ type: StartImportResponse })
  @ApiErrors(400, 404, 409, 413, 503, 429)
  start(@CurrentUser() userId: string, @ImportId() importId: string, @Body() body: StartImportDto): Promise<StartImportResponse> {
    return this.imports.start(userId, importId, body);
  }

  @Get()
  @ApiOperation({ operationId: 'listImports', summary: 'Your imports, newest first' })
  @ApiOkResponse({ type: ImportListResponse })
  @ApiErrors(400)
  list(@CurrentUser() userId: string, @Query() query: ListQuery): Promise<ImportListResponse> {
    return this.imports.list(userId, query.limit, query.cursor);
  }

  @Get(':importId/status')
  @ApiOperation({ operationId: 'getImportStatus', summary: 'Status, progress, the first errors and warnings, and per-code totals' })
  @ImportIdParam()
  @ApiOkResponse({ type: ImportStatusResponse })
  @ApiErrors(400, 404)
  status(@CurrentUser() userId: string, @ImportId() importId: string): Promise<ImportStatusResponse> {
    return this.imports.status(userId, importId);
  }

  @Get(':importId/issues')
  @ApiOperation({ operationId: 'listImportIssues', summary: 'Every error and warning of the validation, paginated, optionally of one severity or code' })
  @ImportIdParam()
  @ApiOkResponse({ type: IssuesPageResponse })
  @ApiErrors(400, 404, 409)
  issues(@CurrentUser() userId: string, @ImportId() importId: string, @Query() query: IssuesQuery): Promise<IssuesPageResponse> {
    return this.reports.page(userId, importId, query);
  }

  @Get(':importId/report.csv')
  @ApiOperation({ operationId: 'downloadImportReport', summary: 'The whole validation report as CSV: one row per issue' })
  @ImportIdParam()
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'columns: severity, code, entity, id, index, field, message', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiErrors(400, 404, 409)
  report(@CurrentUser() userId: string, @ImportId() importId: string): Promise<StreamableFile> {
    return this.reports.csv(userId, importId);
  }

  @Post(':importId/cancel')
  @HttpCode(202)
  @Audited('import.cancelled')
  @ApiOperation({ operationId: 'cancelImport', summary: 'Cancel: nothing is written, or what was written is rolled back' })
  @ImportIdParam()
  @ApiAcceptedResponse({ type: CancelImportResponse })
  @ApiErrors(400, 404, 409, 429)
  cancel(@CurrentUser() userId: string, @ImportId() importId: string): Promise<CancelImportResponse> {
    return this.imports.cancel(userId, importId);
  }

  /** Erasure: the import's upload, pinned package and every object under its prefix go; the job is marked deleted. */
  @Delete(':importId')
  @HttpCode(202)
  @ApiOperation({ operationId: 'deleteImport', summary: 'Erase the import: its upload, pinned package and every object it kept are deleted (a running import must be cancelled first)' })
  @ImportIdParam()
  @ApiAcceptedResponse({ type: DeleteImportResponse })
  @ApiErrors(400, 404, 409)
  @Audited('import.deleted')
  remove(@CurrentUser() userId: string, @ImportId() importId: string): Promise<DeleteImportResponse> {
    return this.imports.remove(userId, importId);
  }
}
