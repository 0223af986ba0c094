import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiAuthenticated, ApiErrors } from '../http/api-docs.decorators';
import { CreateExportDto } from './create-export.dto';
import { ExportEstimateResponse } from './export-estimate.responses';
import { ExportEstimateService } from './export-estimate.service';

@ApiTags('export')
@ApiAuthenticated()
@Controller('export')
export class ExportEstimateController {
  constructor(@Inject(ExportEstimateService) private readonly estimates: ExportEstimateService) {}

  @Post('estimate')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'estimateExport',
    summary: 'The size and duration of an export with these options, before creating it',
    description: 'Takes the body of POST /export, validated the same way, and creates nothing. Counts come from your own data with cheap reads (counts per entity, statement file sizes from their records); very large counts are extrapolated (`exact: false`).',
  })
  @ApiOkResponse({ type: ExportEstimateResponse })
  @ApiErrors(400, 429)
  estimate(@CurrentUser() userId: string, @Body() body: CreateExportDto): Promise<ExportEstimateResponse> {
    return this.estimates.estimate(userId, body);
  }
}
