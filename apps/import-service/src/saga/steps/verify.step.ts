import { createHash } from 'node:crypto';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Inject, Injectable } from '@nestjs/common';
import { ImportServiceConfig } from '../../config/import-service.config';
import { progressAt } from '../import.saga';
import { FaultHook } from './fault-hook';
import { verificationFailed } from './records.step';
import { RunContext } from './run-context';

/**
 * The last check before completion. Every record was read back and compared with the package
 * right after its chunk was written, before the chunk's checkpoint (RecordsStep, ChunkWriter.verify),
 * so what is left is the restored files: each one read back and its sha256 compared with the
 * package's checksum. A mismatch is permanent (the import is rolled back); a read that fails for a
 * transient reason is transient (verification runs again later).
 */
@Injectable()
export class VerifyStep {
  constructor(
    @Inject(S3Client) private readonly s3: S3Client,
    @Inject(ImportServiceConfig) private readonly config: ImportServiceConfig,
    @Inject(FaultHook) private readonly fault: FaultHook,
  ) {}

  async run(ctx: RunContext, now: () => number): Promise<void> {
    const { lease } = ctx;
    const job = lease.job;
    const problems: string[] = [];
    if (job.saga!.completedSteps.includes('files')) {
      const files = await ctx.restorableFiles();
      let verified = 0;
      for (const f of files) {
        lease.check();
        lease.report(progressAt(job.work, { phase: 'verifying', done: verified++, total: files.length }, lease.progress, now()));
        const hash = createHash('sha256');
        try {
          const out = await this.s3.send(new GetObjectCommand({ Bucket: this.config.FILE_STORAGE_BUCKET, Key: f.targetKey }));
          for await (const c of out.Body as AsyncIterable<Uint8Array>) hash.update(c);
        } catch (e) {
          const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
          if (status === 404 || (e as { name?: string }).name === 'NoSuchKey') {
            problems.push(`file ${f.fileId}: not found where it was restored`);
            continue;
          }
          throw e;
        }
        if (`sha256:${hash.digest('hex')}` !== f.checksum) problems.push(`file ${f.fileId}: restored bytes differ from the package`);
      }
    }
    this.fault.after('verify', 0);
    if (problems.length) throw verificationFailed(problems);
  }
}
