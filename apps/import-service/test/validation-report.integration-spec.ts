import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ImportIssue } from '@housef3/import-domain';
import { importReportKey } from '@housef3/jobs';
import { stackEnv } from '@housef3/testing';
import { ReportLine, ValidationReportWriter } from '../src/saga/validation-report.store';

/** The full validation report against the real S3 server: every issue, streamed, with its totals. */
describe('ValidationReportWriter (integration)', () => {
  const env = stackEnv();
  const s3 = new S3Client({
    region: env.AWS_REGION, endpoint: env.S3_ENDPOINT, forcePathStyle: true,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  });
  afterAll(() => s3.destroy());

  const reportDirs = () => readdirSync(tmpdir()).filter((d) => d.startsWith('import-report-')).length;

  it('writes every issue as one JSON line in the order found, and totals per code and severity', async () => {
    const job = { userId: `report-${Date.now()}`, importId: '0f2b8a52-6d1e-4c57-9a3e-2b8f0c1d4e5a' };
    const before = reportDirs();
    const writer = new ValidationReportWriter(s3, env.PACKAGES_BUCKET, job);
    const issues: ImportIssue[] = [];
    for (let n = 0; n < 12_000; n += 1) {
      const issue: ImportIssue = n % 1000 === 7
        ? { entity: 'transactions', id: `t${n}`, index: n, field: 'categories[0].ruleId', message: `unknown rule, "quoted", ünïcode ${n}`, severity: 'warning', code: 'UNKNOWN_RULE' }
        : { entity: 'accounts', id: `a${n}`, field: '', message: `exists ${n}`, severity: 'error', code: n % 2 ? 'CONFLICT' : 'ID_OWNED_BY_ANOTHER_USER' };
      issues.push(issue);
      writer.add(issue);
    }
    const { issueTotals, warnings } = await writer.finish();
    expect(warnings).toEqual(issues.filter((i) => i.severity === 'warning').map(({ entity, id, field, message, code }) => ({ entity, id, field, message, code })));
    expect(issueTotals).toEqual([
      { code: 'ID_OWNED_BY_ANOTHER_USER', severity: 'error', count: 6000 },
      { code: 'CONFLICT', severity: 'error', count: 5988 },
      { code: 'UNKNOWN_RULE', severity: 'warning', count: 12 },
    ]);
    expect(reportDirs()).toBe(before);

    const object = await s3.send(new GetObjectCommand({ Bucket: env.PACKAGES_BUCKET, Key: importReportKey(job.userId, job.importId) }));
    expect(object.ContentType).toBe('application/x-ndjson');
    const lines: ReportLine[] = [];
    for await (const line of createInterface({ input: object.Body as Readable })) lines.push(JSON.parse(line));
    expect(lines).toHaveLength(issues.length);
    lines.forEach((line, n) => {
      const { n: seq, ...rest } = line;
      expect(seq).toBe(n);
      expect(rest).toEqual(issues[n]);
    });
  });

  it('writes an empty report when there is no issue, and discards its temporary file when validation fails', async () => {
    const job = { userId: `report-empty-${Date.now()}`, importId: '1f2b8a52-6d1e-4c57-9a3e-2b8f0c1d4e5a' };
    expect(await new ValidationReportWriter(s3, env.PACKAGES_BUCKET, job).finish()).toEqual({ issueTotals: [], warnings: [] });
    const object = await s3.send(new GetObjectCommand({ Bucket: env.PACKAGES_BUCKET, Key: importReportKey(job.userId, job.importId) }));
    expect(object.ContentLength).toBe(0);
    const before = reportDirs();
    const failed = new ValidationReportWriter(s3, env.PACKAGES_BUCKET, job);
    expect(reportDirs()).toBe(before + 1);
    failed.discard();
    expect(reportDirs()).toBe(before);
    expect(existsSync(tmpdir())).toBe(true);
  });
});
