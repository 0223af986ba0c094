import { Inject, Injectable } from '@nestjs/common';
import { EntityKind, SagaStep } from '@housef3/contracts';
import { toItem } from '@housef3/data-model';
import { ImportJob, ImportJobRepository, WriteCounts } from '@housef3/jobs';
import { Category, EntityName, EntityRecordOf, PackageReader } from '@housef3/package-format';
import { transformForImport } from '@housef3/import-domain';
import { ChunkWriter } from '../chunk-writer';
import { progressAt } from '../import.saga';
import { parentsFirst } from '../saga-steps';
import { FaultHook } from './fault-hook';
import { RunContext } from './run-context';

const ZERO: WriteCounts = { created: 0, updated: 0, skipped: 0 };

/**
 * One record step: the entity's records in chunks, from the checkpoint on. Per chunk: transform
 * (remap), journal, conditional fenced writes, checkpoint (chunk, counts, progress).
 */
@Injectable()
export class RecordsStep {
  constructor(
    @Inject(ChunkWriter) private readonly writer: ChunkWriter,
    @Inject(ImportJobRepository) private readonly jobs: ImportJobRepository,
    @Inject(FaultHook) private readonly fault: FaultHook,
  ) {}

  async run(ctx: RunContext, step: SagaStep, entity: EntityName, chunkRecords: number, now: () => number): Promise<void> {
    const { lease, reader } = ctx;
    const total = reader.manifest.record_counts[entity as EntityKind] ?? 0;
    let chunk = 0;
    let batch: EntityRecordOf<EntityName>[] = [];
    const flush = async () => {
      const job = lease.job as Extract<ImportJob, { status: 'processing' }>;
      if (chunk >= job.saga.chunk) {
        lease.check();
        const items = batch.map((r) => toItem(entity, transform(job, entity, r), job.userId));
        const c = await this.writer.write(entity, items, {
          userId: job.userId, importId: job.importId, step, chunk, strategy: job.options.mergeStrategy, fence: this.jobs.fence(job.importId, lease.owner, 'processing'),
        });
        const before = job.importResults.counts[entity as EntityKind] ?? ZERO;
        const counts = { ...job.importResults.counts, [entity]: { created: before.created + c.created, updated: before.updated + c.updated, skipped: before.skipped + c.skipped } };
        const done = Math.min(total, (chunk + 1) * chunkRecords);
        lease.report(progressAt(job.work, { phase: 'step', step, done, total }, lease.progress, now()));
        await lease.checkpoint({ saga: { ...job.saga, step, chunk: chunk + 1, recordsDone: done, recordsTotal: total }, importResults: { ...job.importResults, counts } });
        this.fault.after(step, chunk);
        lease.check();
      }
      chunk++;
      batch = [];
    };
    for await (const record of recordsInOrder(reader, entity)) {
      batch.push(record);
      if (batch.length === chunkRecords) await flush();
    }
    if (batch.length || chunk === 0) await flush();
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
