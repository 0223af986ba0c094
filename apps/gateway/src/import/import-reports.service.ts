import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { HttpStatus, Inject, Injectable, StreamableFile } from '@nestjs/common';
import { ImportJob, ImportJobRepository, importReportKey } from '@housef3/jobs';
import { ApiError, invalidCursor, notFound } from '../http/api-error';
import { IssuesQuery } from './import.dto';
import { ImportIssue, IssuesPageResponse } from './import.responses';
import { ImportObjects, RangeNotSatisfiableError } from './import-objects.s3';
import { decodeReportCursor, encodeReportCursor } from './report-cursor';
import { ReportRow, toCsv } from './report-csv';

interface Line {
  issue: ImportIssue & { n: number };
  offset: number;
}

/**
 * The full validation report of an import (every issue the import-service found, one JSON line
 * each, in the order found): pages of it, filtered, and all of it as CSV. Both stream the object;
 * nothing holds more than one page.
 */
@Injectable()
export class ImportReports {
  constructor(@Inject(ImportJobRepository) private readonly jobs: ImportJobRepository, @Inject(ImportObjects) private readonly objects: ImportObjects) {}

  async page(userId: string, importId: string, query: IssuesQuery): Promise<IssuesPageResponse> {
    const cursor = query.cursor === undefined ? { offset: 0, line: 0 } : decodeReportCursor(query.cursor);
    if (!cursor) throw invalidCursor();
    const job = await this.withReport(userId, importId);
    const matches = (i: ImportIssue) => (query.severity === undefined || i.severity === query.severity) && (query.code === undefined || i.code === query.code);
    const issues: ImportIssue[] = [];
    let nextCursor: string | undefined;
    let first = true;
    for await (const { issue, offset } of this.lines(job, cursor.offset)) {
      if (first && issue.n !== cursor.line) throw invalidCursor();
      first = false;
      if (!matches(issue)) continue;
      if (issues.length === query.limit) {
        nextCursor = encodeReportCursor({ offset, line: issue.n });
        break;
      }
      const { n: _n, ...shown } = issue;
      issues.push(shown);
    }
    if (first && query.cursor !== undefined) throw invalidCursor();
    return { issues, ...(nextCursor && { nextCursor }), totals: job.validationResults?.issueTotals ?? [] };
  }

  async csv(userId: string, importId: string): Promise<StreamableFile> {
    const job = await this.withReport(userId, importId);
    const lines = this.lines(job, 0);
    async function* rows(): AsyncGenerator<ReportRow> {
      for await (const { issue } of lines) {
        yield { severity: issue.severity, code: issue.code, entity: issue.entity, id: issue.id ?? '', index: issue.index ?? '', field: issue.field, message: issue.message };
      }
    }
    return new StreamableFile(toCsv(rows()), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="import-${importId}-report.csv"` });
  }

  private async withReport(userId: string, importId: string): Promise<ImportJob> {
    const job = await this.jobs.getForUser(importId, userId);
    if (!job) throw notFound('import');
    if (!job.validationResults?.issueTotals) {
      throw new ApiError(HttpStatus.CONFLICT, 'REPORT_NOT_AVAILABLE', job.status === 'validating' || job.status === 'awaiting_upload' ? 'the report is written when validation ends; try again then' : 'this import has no full report');
    }
    return job;
  }

  /** The report's lines from byte `offset`, each with the offset it starts at. */
  private async *lines(job: ImportJob, offset: number): AsyncGenerator<Line> {
    let body: Readable | undefined;
    try {
      body = await this.objects.readFrom(importReportKey(job.userId, job.importId), offset);
    } catch (e) {
      if (e instanceof RangeNotSatisfiableError) throw invalidCursor();
      throw e;
    }
    if (!body) throw new ApiError(HttpStatus.CONFLICT, 'REPORT_NOT_AVAILABLE', 'this import has no full report');
    const reader = createInterface({ input: body, crlfDelay: Infinity });
    let at = offset;
    try {
      for await (const text of reader) {
        const start = at;
        at += Buffer.byteLength(text, 'utf8') + 1;
        if (text.length === 0) continue;
        let issue: Line['issue'];
        try {
          issue = JSON.parse(text);
        } catch {
          // only a cursor into the middle of a line gets here
          throw invalidCursor();
        }
        yield { issue, offset: start };
      }
    } finally {
      reader.close();
      body.destroy();
    }
  }
}
