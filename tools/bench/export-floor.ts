import { PassThrough, Readable } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { TableNames } from '@housef3/data-model';
import { ZipStreamWriter } from '@housef3/package-format';
import { BoundedChannel } from './bounded-channel';
import { Item, queryUserItems, USER_TABLES } from './user-items';

export interface FloorTarget {
  dynamo: DynamoDBClient;
  s3: S3Client;
  tables: TableNames;
  fileBucket: string;
  packagesBucket: string;
}

/**
 * The export's floor: only the raw work an export cannot avoid. Every item of the user read
 * through the GSIs, all tables in parallel and the transactions split into date ranges read in
 * parallel; each item written as its stored JSON into a deflated ZIP entry (with the CRC-32 and
 * sha256 every entry needs) while the queries run; the original files streamed in; the ZIP
 * streamed into one multipart upload. No decoding, validation or staging.
 */
export async function exportFloor(target: FloorTarget, userId: string, key: string, segments: number): Promise<{ items: number; bytes: number }> {
  const pages = new BoundedChannel<Item[]>(16);
  const held = new Map<string, Item[]>();
  let items = 0;
  const reading = Promise.all(USER_TABLES.map((spec) => queryUserItems(target.dynamo, target.tables, spec, userId, segments, async (page) => {
    items += page.length;
    if (spec.entity === 'transactions') await pages.push(page);
    else held.set(spec.entity, [...(held.get(spec.entity) ?? []), ...page]);
  }))).then(() => pages.close(), (e) => pages.fail(e));

  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const upload = new Upload({ client: target.s3, queueSize: 4, partSize: 5 * 1024 * 1024, params: { Bucket: target.packagesBucket, Key: key, Body: out, ContentType: 'application/zip' } });
  const uploaded = upload.done();
  const zip = new ZipStreamWriter(out, { mtime: new Date() });
  await zip.addEntry('data/transactions.json', jsonArray(pages));
  await reading;
  for (const spec of USER_TABLES) if (spec.entity !== 'transactions') await zip.addEntry(`data/${spec.entity}.json`, jsonArray([held.get(spec.entity) ?? []]));
  for (const file of held.get('transaction_files') ?? []) {
    const body = (await target.s3.send(new GetObjectCommand({ Bucket: target.fileBucket, Key: file.s3Key.S }))).Body as Readable;
    await zip.addEntry(`files/${file.fileId.S}/${file.fileName?.S ?? 'file'}`, body);
  }
  const { size } = await zip.finish();
  await uploaded;
  return { items, bytes: size };
}

/** Pages of items as one JSON array, in chunks of about 64 KiB. */
async function* jsonArray(pages: AsyncIterable<Item[]> | Iterable<Item[]>): AsyncGenerator<Buffer> {
  let text = '[';
  let first = true;
  for await (const page of pages) {
    for (const item of page) {
      text += (first ? '' : ',') + JSON.stringify(item);
      first = false;
      if (text.length > 65536) {
        yield Buffer.from(text);
        text = '';
      }
    }
  }
  yield Buffer.from(`${text}]`);
}
