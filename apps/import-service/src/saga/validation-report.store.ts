import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import type { ImportIssue } from '@housef3/import-domain';
import { ImportIssueTotal, ImportIssueView, ImportJob, importReportKey } from '@housef3/jobs';
import { S3_MIN_PART_BYTES, uploadChunks } from '@housef3/platform';

const FLUSH_AT = 64 * 1024;
/** warnings the job keeps for its status (the capped issue list fills up with errors first) */
export const LISTED_WARNINGS = 50;

/** One line of the report object: the issue with its position in the report. */
export interface ReportLine {
  n: number;
  severity: 'error' | 'warning';
  code: string;
  entity: string;
  id?: string;
  index?: number;
  field: string;
  message: string;
}

/**
 * The full validation report of one import: every issue, one JSON line each, in the order found,
 * at importReportKey() in the packages bucket; plus the totals per code and severity. Issues arrive
 * synchronously from validation, so they are appended to a local temporary file (memory stays
 * flat: 64 KiB of buffer) and streamed to S3 in parts when validation ends.
 */
export class ValidationReportWriter {
  private readonly dir = mkdtempSync(join(tmpdir(), 'import-report-'));
  private readonly file = join(this.dir, 'issues.ndjson');
  private readonly fd = openSync(this.file, 'w');
  private buffer = '';
  private count = 0;
  private readonly totals = new Map<string, ImportIssueTotal>();
  private readonly firstWarnings: ImportIssueView[] = [];
  private closed = false;

  constructor(private readonly s3: S3Client, private readonly bucket: string, private readonly job: Pick<ImportJob, 'userId' | 'importId'>) {}

  /** Records one issue (an arrow, so it can be handed over as a callback). */
  readonly add = (issue: Pick<ImportIssue, 'entity' | 'id' | 'index' | 'field' | 'message' | 'severity' | 'code'>): void => {
    const line: ReportLine = {
      n: this.count, severity: issue.severity, code: issue.code, entity: issue.entity,
      ...(issue.id !== undefined && { id: issue.id }), ...(issue.index !== undefined && { index: issue.index }),
      field: issue.field, message: issue.message,
    };
    this.count += 1;
    const key = `${issue.severity}:${issue.code}`;
    const total = this.totals.get(key);
    if (total) total.count += 1;
    else this.totals.set(key, { code: issue.code, severity: issue.severity, count: 1 });
    if (issue.severity === 'warning' && this.firstWarnings.length < LISTED_WARNINGS) {
      this.firstWarnings.push({ entity: issue.entity, ...(issue.id !== undefined && { id: issue.id }), field: issue.field, message: issue.message, code: issue.code });
    }
    this.buffer += `${JSON.stringify(line)}\n`;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  };

  /**
   * Uploads the report and returns what the job keeps of it: the totals (errors first, then by
   * count) and the first warnings in the order found. Removes the temporary file either way.
   */
  async finish(): Promise<{ issueTotals: ImportIssueTotal[]; warnings: ImportIssueView[] }> {
    try {
      this.flush();
      this.close();
      // one 5 MiB part in memory at a time: a report is written once, and memory is the service's bound
      await uploadChunks(this.s3, {
        Bucket: this.bucket, Key: importReportKey(this.job.userId, this.job.importId), ContentType: 'application/x-ndjson', ServerSideEncryption: 'AES256',
      }, createReadStream(this.file), { partSize: S3_MIN_PART_BYTES, buffers: 1 });
      const issueTotals = [...this.totals.values()].sort((a, b) => (a.severity === b.severity ? b.count - a.count || a.code.localeCompare(b.code) : a.severity === 'error' ? -1 : 1));
      return { issueTotals, warnings: [...this.firstWarnings] };
    } finally {
      this.discard();
    }
  }

  /** Drops the temporary file (validation failed before finish). */
  discard(): void {
    this.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private flush(): void {
    if (this.buffer.length === 0 || this.closed) return;
    writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}
