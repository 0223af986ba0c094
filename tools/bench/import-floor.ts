import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DeleteItemCommand, PutItemCommand, TransactWriteItem, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { ImportJobRepository } from '@housef3/jobs';
import { batchWriteAll } from '@housef3/platform';
import { BoundedChannel } from './bounded-channel';
import { FloorTarget } from './export-floor';
import { Item, queryUserItems, USER_TABLES } from './user-items';

/**
 * The import's floor: the same items written for another user with fresh ids, by parallel
 * BatchWriteItem calls (`concurrency` per table, every table at once), plus the original files
 * copied to the new user's prefix. The items are read from the source user through the GSIs as
 * they are written (that reading is part of the floor's time, so the floor is if anything slow).
 * No validation, no ownership check, no journal, no verification.
 */
export async function importFloor(target: FloorTarget, fromUser: string, toUser: string, segments: number, concurrency: number): Promise<{ items: number; files: number }> {
  return floor(target, fromUser, toUser, segments, concurrency, (table, channel) => batchWriteAll(target.dynamo, table, channel, { concurrency }).then((r) => r.written));
}

/**
 * The floor of an import that fences its writes: the same items and files, every item written by
 * `TransactWriteItems` of 100 items, a ConditionCheck on one job item (as the import's lease
 * fence) and 99 plain puts, one transaction at a time per table, every table at once. No read,
 * journal, ownership condition or verification: what any import pays that fences each write on a
 * lease in DynamoDB (a BatchWriteItem cannot carry a condition).
 */
export async function fencedImportFloor(target: FloorTarget, fromUser: string, toUser: string, segments: number, jobsTable: string): Promise<{ items: number; files: number }> {
  const fenceId = `bench-floor-fence-${randomUUID()}`;
  await target.dynamo.send(new PutItemCommand({ TableName: jobsTable, Item: { importId: { S: fenceId }, leaseOwner: { S: 'floor' }, status: { S: 'processing' } } }));
  // the import's own fence (ImportJobRepository.fence), on a job item of the floor's
  const fence: TransactWriteItem = new ImportJobRepository(target.dynamo, jobsTable).fence(fenceId, 'floor', 'processing');
  try {
    return await floor(target, fromUser, toUser, segments, 1, async (table, channel) => {
      let written = 0;
      let batch: Item[] = [];
      const send = async () => {
        await target.dynamo.send(new TransactWriteItemsCommand({ TransactItems: [fence, ...batch.map((Item) => ({ Put: { TableName: table, Item } }))] }));
        written += batch.length;
        batch = [];
      };
      for await (const item of channel) {
        batch.push(item);
        if (batch.length === 99) await send();
      }
      if (batch.length) await send();
      return written;
    });
  } finally {
    await target.dynamo.send(new DeleteItemCommand({ TableName: jobsTable, Key: { importId: { S: fenceId } } }));
  }
}

async function floor(target: FloorTarget, fromUser: string, toUser: string, segments: number, concurrency: number, write: (table: string, items: BoundedChannel<Item>) => Promise<number>): Promise<{ items: number; files: number }> {
  let items = 0;
  const files: Item[] = [];
  await Promise.all(USER_TABLES.map(async (spec) => {
    const channel = new BoundedChannel<Item>(concurrency * 25 * 2);
    const reading = queryUserItems(target.dynamo, target.tables, spec, fromUser, segments, async (page) => {
      for (const item of page) {
        if (spec.entity === 'transaction_files') files.push(item);
        await channel.push({ ...item, userId: { S: toUser }, [spec.key]: { S: spec.key === 'pk' ? `${toUser}#${randomUUID()}` : randomUUID() } });
      }
    }).then(() => channel.close(), (e) => channel.fail(e));
    const written = await write(target.tables[spec.table], channel);
    await reading;
    items += written;
  }));
  const queue = [...files];
  await Promise.all(Array.from({ length: 4 }, async () => {
    for (let f = queue.shift(); f; f = queue.shift()) {
      const source = await target.s3.send(new GetObjectCommand({ Bucket: target.fileBucket, Key: f.s3Key.S }));
      const key = `${toUser}/${f.s3Key.S!.split('/').slice(1).join('/')}`;
      await new Upload({ client: target.s3, params: { Bucket: target.fileBucket, Key: key, Body: source.Body as Readable } }).done();
    }
  }));
  return { items, files: files.length };
}
