import { createHash } from 'node:crypto';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Inject, Injectable } from '@nestjs/common';
import { TableNames, toItem } from '@housef3/data-model';
import { normalizeDecimal } from '@housef3/package-format';
import { PermanentError, TABLES } from '@housef3/platform';
import { ImportServiceConfig } from '../../config/import-service.config';
import { ChunkWriter, keyString } from '../chunk-writer';
import { entityTable, keyOfItem } from '../entity-keys';
import { progressAt } from '../import.saga';
import { JournalStore } from '../journal.store';
import { STEP_ENTITY } from '../saga-steps';
import { FaultHook } from './fault-hook';
import { OneAhead } from './one-ahead';
import { recordsInOrder, transform } from './records.step';
import { RunContext } from './run-context';

/**
 * Re-reads what the import wrote and compares it with the package: every written record (as
 * HouseF3 stores it; numbers by value, since DynamoDB normalizes them) and every restored file's
 * checksum. A mismatch is permanent (the import is rolled back); a read that fails for a
 * transient reason is transient (verification runs again later).
 */
@Injectable()
export class VerifyStep {
  constructor(
    @Inject(ChunkWriter) private readonly writer: ChunkWriter,
    @Inject(JournalStore) private readonly journals: JournalStore,
    @Inject(S3Client) private readonly s3: S3Client,
    @Inject(TABLES) private readonly tables: TableNames,
    @Inject(ImportServiceConfig) private readonly config: ImportServiceConfig,
    @Inject(FaultHook) private readonly fault: FaultHook,
  ) {}

  async run(ctx: RunContext, now: () => number): Promise<void> {
    const { lease, reader } = ctx;
    const job = lease.job;
    const problems: string[] = [];
    const size = this.config.IMPORT_CHUNK_RECORDS;
    const totalRecords = job.saga!.completedSteps.reduce((n, s) => n + (STEP_ENTITY[s] ? job.work?.records[s] ?? 0 : 0), 0);
    let verified = 0;
    // the next chunk is read and transformed while this one is read back (one chunk in flight)
    const reads = new OneAhead();
    try {
      for (const step of job.saga!.completedSteps) {
        const entity = STEP_ENTITY[step];
        if (!entity) continue;
        const table = this.tables[entityTable(entity)];
        const check = async (chunk: number, batch: ReturnType<typeof toItem>[]) => {
          lease.check();
          const journal = await this.journals.get(job.userId, job.importId, step, chunk);
          const written = new Set([...(journal?.created ?? []), ...(journal?.overwritten ?? []).map((p) => keyOfItem(entity, p))].map(keyString));
          const expected = batch.filter((i) => written.has(keyString(keyOfItem(entity, i as never))));
          const stored = await this.writer.fetch(table, expected.map((i) => keyOfItem(entity, i as never)));
          for (const item of expected) {
            const got = stored.get(keyString(keyOfItem(entity, item as never)));
            if (!got || !sameItem(item, got)) problems.push(`${entity} ${JSON.stringify(Object.values(keyOfItem(entity, item as never))[0])} differs from the package`);
          }
          verified += batch.length;
          lease.report(progressAt(job.work, { phase: 'verifying', done: verified, total: totalRecords }, lease.progress, now()));
        };
        let chunk = 0;
        let batch: ReturnType<typeof toItem>[] = [];
        const next = async () => {
          const [c, b] = [chunk++, batch];
          batch = [];
          await reads.submit(() => check(c, b));
        };
        for await (const record of recordsInOrder(reader, entity)) {
          batch.push(toItem(entity, transform(job, entity, record), job.userId));
          if (batch.length === size) await next();
        }
        if (batch.length) await next();
        await reads.drain();
        this.fault.after('verify', 0);
      }
    } finally {
      await reads.settle();
    }
    if (job.saga!.completedSteps.includes('files')) {
      for (const f of await ctx.restorableFiles()) {
        lease.check();
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
    if (problems.length) throw new PermanentError('VERIFICATION_FAILED', `what was written differs from the package: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
  }
}

/** Two items are the same record: same attributes, strings and booleans equal, numbers equal by value (-0 = 0). */
export function sameItem(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  const av = a as Record<string, unknown>;
  const bv = b as Record<string, unknown>;
  if ('N' in av && 'N' in bv) return num(av.N as string) === num(bv.N as string);
  const ak = Object.keys(av).sort();
  const bk = Object.keys(bv).sort();
  if (ak.length !== bk.length || ak.some((k, i) => k !== bk[i])) return false;
  return ak.every((k) => sameItem(av[k], bv[k]));
}

const num = (n: string) => {
  const v = normalizeDecimal(n);
  return v === '-0' ? '0' : v;
};
