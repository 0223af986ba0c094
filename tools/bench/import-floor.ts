import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
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
    const { written } = await batchWriteAll(target.dynamo, target.tables[spec.table], channel, { concurrency });
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
