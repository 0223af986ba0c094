import { Inject, Injectable } from '@nestjs/common';
import { EntityKind, SagaStep } from '@housef3/contracts';
import { Item, toItem } from '@housef3/data-model';
import { ImportJob, ImportJobRepository, WriteCounts } from '@housef3/jobs';
import { Category, EntityName, EntityRecordOf, PackageReader } from '@housef3/package-format';
import { transformForImport } from '@housef3/import-domain';
import { PermanentError } from '@housef3/platform';
import { ChunkWriter } from '../chunk-writer';
import { chunkRecordsOf, progressAt } from '../import.saga';
import { parentsFirst } from '../saga-steps';
import { FaultHook } from './fault-hook';
import { OneAhead } from './one-ahead';
import { RunContext } from './run-context';

/** What was written differs from the package: permanent (the import is rolled back). */
export function verificationFailed(problems: string[]): PermanentError {
  return new PermanentError('VERIFICATION_FAILED', `what was written differs from the package: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
}

const ZERO: WriteCounts = { created: 0, updated: 0, skipped: 0 };

/**
 * One record step: the entity's records in chunks, from the checkpoint on. Per chunk: transform
 * (remap), journal, conditional fenced writes, read-back of what was written (verification, while
 * the next chunk is written), checkpoint (chunk, counts, progress).
 */
@Injectable()
export class RecordsStep {
  constructor(
    @Inject(ChunkWriter) private readonly writer: ChunkWriter,
    @Inject(ImportJobRepository) private readonly jobs: ImportJobRepository,
    @Inject(FaultHook) private readonly fault: FaultHook,
  ) {}

  async run(ctx: RunContext, step: SagaStep, entity: EntityName, configuredChunkRecords: number, now: () => number): Promise<void> {
    const { lease, reader } = ctx;
    const total = reader.manifest.record_counts[entity as EntityKind] ?? 0;
    const first = lease.job as Extract<ImportJob, { status: 'processing' }>;
    // a resumed step keeps the chunk size it started with
    const chunkRecords = chunkRecordsOf(first.saga, configuredChunkRecords);
    // chunks before the checkpoint were written by an earlier run: read past, not transformed
    const resumeAt = first.saga.chunk;
    // the next chunk is read and transformed while this one is written (one chunk in flight)
    const writes = new OneAhead();
    // A chunk's read-back runs while the next chunk is written; its checkpoint follows that write
    // (a checkpoint updates the job item each write's fence checks: the two never run at once, or
    // DynamoDB would cancel the write as a transaction conflict). A chunk counted done was still
    // read back and matched first; a crash before its checkpoint re-runs it and the chunk after it
    // from their journals.
    let unconfirmed: { chunk: number; counts: WriteCounts; readBack: Promise<string[]> } | undefined;
    const confirm = async () => {
      const pending = unconfirmed;
      if (!pending) return;
      unconfirmed = undefined;
      const problems = await pending.readBack;
      if (problems.length) throw verificationFailed(problems);
      const job = lease.job as Extract<ImportJob, { status: 'processing' }>;
      const before = job.importResults.counts[entity as EntityKind] ?? ZERO;
      const c = pending.counts;
      const counts = { ...job.importResults.counts, [entity]: { created: before.created + c.created, updated: before.updated + c.updated, skipped: before.skipped + c.skipped } };
      const done = Math.min(total, (pending.chunk + 1) * chunkRecords);
      lease.report(progressAt(job.work, { phase: 'step', step, done, total }, lease.progress, now()));
      await lease.checkpoint({ saga: { ...job.saga, step, chunk: pending.chunk + 1, recordsDone: done, recordsTotal: total, chunkRecords }, importResults: { ...job.importResults, counts } });
      this.fault.after(step, pending.chunk);
      lease.check();
    };
    const flush = async (chunk: number, items: Item[]) => {
      const job = lease.job as Extract<ImportJob, { status: 'processing' }>;
      lease.check();
      const c = await this.writer.write(entity, items, {
        userId: job.userId, importId: job.importId, step, chunk, strategy: job.options.mergeStrategy, remapIds: job.options.remapIds, fence: this.jobs.fence(job.importId, lease.owner, 'processing'),
      });
      // the chunk before this one: read back while this one was written, now checkpointed
      await confirm();
      const readBack = this.writer.verify(entity, c.written);
      // observed here so that a failed read-back surfaces in confirm, never as unhandled
      readBack.catch(() => undefined);
      unconfirmed = { chunk, counts: { created: c.created, updated: c.updated, skipped: c.skipped }, readBack };
    };
    let chunk = 0;
    let batch: Item[] = [];
    let seen = 0;
    const next = async () => {
      if (chunk >= resumeAt) {
        const [c, items] = [chunk, batch];
        await writes.submit(() => flush(c, items));
      }
      chunk++;
      batch = [];
      seen = 0;
    };
    try {
      for await (const record of recordsInOrder(reader, entity)) {
        if (chunk >= resumeAt) batch.push(toItem(entity, transform(first, entity, record), first.userId));
        if (++seen === chunkRecords) await next();
      }
      if (seen || chunk === 0) await next();
      await writes.drain();
      await confirm();
    } finally {
      await writes.settle();
      await unconfirmed?.readBack.catch(() => undefined);
    }
  }
}

export function transform<E extends EntityName>(job: ImportJob, entity: E, record: EntityRecordOf<E>): EntityRecordOf<E> {
  return transformForImport(entity, record, { importId: job.importId, userId: job.userId, remapIds: job.options!.remapIds });
}

/** The records of an entity in write order (categories parents first). */
export async function* recordsInOrder(reader: PackageReader, entity: EntityName): AsyncGenerator<EntityRecordOf<EntityName>> {
  if (entity === 'categories') {
    const all: Category[] = [];
    for await (const { record } of reader.records('categories')) all.push(record!);
    yield* parentsFirst(all) as EntityRecordOf<EntityName>[];
    return;
  }
  for await (const { record } of reader.records(entity)) yield record!;
}
