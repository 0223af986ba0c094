import { Inject, Injectable } from '@nestjs/common';
import { estimatedDurationMs, estimateExport, humanSize } from '@housef3/jobs';
import { badRequest } from '../http/api-error';
import { CreateExportDto, crossFieldProblems } from './create-export.dto';
import { ExportEstimateResponse } from './export-estimate.responses';
import { UserDataCounter } from './user-data-counter';

/**
 * POST /export/estimate: the size and time of an export before it is created, from the user's
 * data counted as the export would read it, with the model the export's job uses (libs/jobs
 * export-estimate.ts). Validates like POST /export and creates nothing.
 */
@Injectable()
export class ExportEstimateService {
  constructor(@Inject(UserDataCounter) private readonly counter: UserDataCounter) {}

  async estimate(userId: string, dto: CreateExportDto): Promise<ExportEstimateResponse> {
    // the same checks and answers as POST /export
    const problems = crossFieldProblems(dto);
    if (problems.length) throw badRequest(problems.length === 1 ? problems[0] : `the request is not valid: ${problems.join('; ')}`, problems);
    const found = await this.counter.count(userId, dto);
    if (found.unknownAccounts.length) throw badRequest(`no such account: ${found.unknownAccounts.join(', ')}`);
    const estimate = estimateExport(found);
    return {
      counts: Object.fromEntries(Object.entries(found.counts).filter((e): e is [string, number] => e[1] !== undefined)),
      records: estimate.records,
      files: found.files.length,
      fileBytes: found.files.reduce((sum, f) => sum + f.size, 0),
      estimatedBytes: estimate.bytes,
      estimatedSize: humanSize(estimate.bytes),
      estimatedDurationSeconds: Math.ceil(estimatedDurationMs(estimate) / 1000),
      exact: found.exact,
    };
  }
}
