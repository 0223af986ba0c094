import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { BatchGetItemCommand, BatchWriteItemCommand, DeleteItemCommand, DynamoDBClient, PutItemCommand, TransactWriteItem, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { Item, tableNames, toItem } from '@housef3/data-model';
import { transformForImport } from '@housef3/import-domain';
import { ImportJobRepository, importPrefix } from '@housef3/jobs';
import { Transaction } from '@housef3/package-format';
import { batchDeleteAll, deletePrefix } from '@housef3/platform';
import { stackEnv } from '@housef3/testing';
// the import-service's own writer: what it costs per item beside the plain calls
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ChunkWriter } from '../../apps/import-service/src/saga/chunk-writer';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { JournalStore } from '../../apps/import-service/src/saga/journal.store';
import { fileTransactions, planSeed } from '../seed/generate';
import { serverCpu } from './server-cpu';

const USAGE = 'npm run bench:write-costs [-- --items 5000]';

/**
 * `npm run bench:write-costs`: what each kind of DynamoDB write costs per item on the stack it runs
 * against (the local stack), for the import's transactions: the floor's BatchWriteItem (one call
 * at a time and several in flight), TransactWriteItems of 100 (plain puts, in flight or not; the
 * import's conditional puts behind its lease fence, one at a time or several in flight each fenced
 * on a lane item of its own), the consistent BatchGetItem of the import's
 * read-back, and the import-service's own ChunkWriter as an import with remapIds runs it (journal,
 * fenced conditional transactions, read-back). Each variant writes its own fresh items, realistic
 * transactions from the seed's generator remapped and encoded as the import writes them, one
 * variant after another; the items are deleted afterwards. Prints JSON and a Markdown table
 * (ms of wall time per item; with DynamoDB Local started by the stack scripts, also the server's
 * CPU per item and how many cores it kept busy, from its /proc/<pid>/stat). Not a test; ADR 0114 and docs/benchmarks.md use its figures.
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let items = 5000;
  if (argv.length) {
    if (argv[0] !== '--items' || !/^[1-9]\d*$/.test(argv[1] ?? '') || argv.length > 2) {
      console.error(`bench:write-costs: bad arguments\nusage: ${USAGE}`);
      process.exit(2);
    }
    items = Number(argv[1]);
  }
  const env = stackEnv();
  const common = { region: env.AWS_REGION, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY }, maxAttempts: 5 };
  const dynamo = new DynamoDBClient({ ...common, endpoint: env.DYNAMODB_ENDPOINT });
  const s3 = new S3Client({ ...common, endpoint: env.S3_ENDPOINT, forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true', requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
  const tables = tableNames(env.TABLE_PREFIX);
  const table = tables.transactions;
  const plan = planSeed({ userId: 'bench-write-costs-source', transactions: items, files: 6 });
  const source: Transaction[] = plan.files.flatMap((file) => [...fileTransactions(plan, file)]);
  const written: { userId: string; keys: Item[]; importId: string }[] = [];
  /** Fresh items of a new user for one variant (built before its clock starts). */
  const fresh = () => {
    const userId = `bench-write-costs-${randomUUID()}`;
    const importId = randomUUID();
    const batch = source.map((t) => toItem('transactions', transformForImport('transactions', t, { importId, userId, remapIds: true }), userId));
    written.push({ userId, importId, keys: batch.map((i) => ({ transactionId: i.transactionId! })) });
    return { userId, importId, batch };
  };
  const fenceId = `bench-write-costs-fence-${randomUUID()}`;
  await dynamo.send(new PutItemCommand({ TableName: tables.importJobs, Item: { importId: { S: fenceId }, leaseOwner: { S: 'bench' }, status: { S: 'processing' } } }));
  const fence: TransactWriteItem = new ImportJobRepository(dynamo, tables.importJobs).fence(fenceId, 'bench', 'processing');
  // lane items: one fence item per transaction in flight (transactions that check one item at once conflict on DynamoDB)
  const laneIds = Array.from({ length: 4 }, (_, k) => `${fenceId}#lane${k}`);
  for (const id of laneIds) await dynamo.send(new PutItemCommand({ TableName: tables.importJobs, Item: { importId: { S: id }, laneOwner: { S: 'bench' } } }));
  const lanes: TransactWriteItem[] = laneIds.map((id) => ({
    ConditionCheck: { TableName: tables.importJobs, Key: { importId: { S: id } }, ConditionExpression: 'laneOwner = :o', ExpressionAttributeValues: { ':o': { S: 'bench' } } },
  }));
  /** Runs `calls` (each writing a slice of the items), `inFlight` at a time. */
  const inFlight = async <T>(slices: T[], n: number, call: (slice: T, worker: number) => Promise<unknown>) => {
    const queue = [...slices];
    await Promise.all(Array.from({ length: n }, async (_, worker) => {
      for (let s = queue.shift(); s !== undefined; s = queue.shift()) await call(s, worker);
    }));
  };
  const cut = <T>(xs: T[], size: number) => Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));
  const batchWrite = (n: number) => async () => {
    const { batch } = fresh();
    return async () => inFlight(cut(batch, 25), n, async (part) => {
      let pending = part.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length) {
        const out = await dynamo.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
        pending = (out.UnprocessedItems?.[table] ?? []) as typeof pending;
      }
    });
  };
  const transact = (n: number, conditional: boolean, onLanes = false) => async () => {
    const { batch, userId } = fresh();
    return async () => inFlight(cut(batch, conditional ? 99 : 100), n, (part, worker) => dynamo.send(new TransactWriteItemsCommand({
      TransactItems: [...(conditional ? [onLanes ? lanes[worker]! : fence] : []), ...part.map((Item) => ({
        Put: { TableName: table, Item, ...(conditional && { ConditionExpression: 'attribute_not_exists(#h) OR userId = :me', ExpressionAttributeNames: { '#h': 'transactionId' }, ExpressionAttributeValues: { ':me': { S: userId } } }) },
      }))],
    })));
  };
  const variants: { name: string; prepare: () => Promise<() => Promise<unknown>> }[] = [
    { name: 'BatchWriteItem of 25, one call at a time', prepare: batchWrite(1) },
    { name: 'BatchWriteItem of 25, 4 calls in flight', prepare: batchWrite(4) },
    { name: 'BatchWriteItem of 25, 16 calls in flight (the floor)', prepare: batchWrite(16) },
    { name: 'TransactWriteItems of 100 plain puts, one at a time', prepare: transact(1, false) },
    { name: 'TransactWriteItems of 100 plain puts, 2 in flight', prepare: transact(2, false) },
    { name: 'TransactWriteItems of the fence and 99 conditional puts, one at a time (the import\'s writes)', prepare: transact(1, true) },
    { name: 'the same, each fenced on a lane item of its own, 2 in flight', prepare: transact(2, true, true) },
    { name: 'the same, each fenced on a lane item of its own, 4 in flight', prepare: transact(4, true, true) },
    {
      name: 'consistent BatchGetItem of 100 keys (the read-back), one at a time',
      prepare: async () => {
        const keys = written[0]!.keys;
        return async () => inFlight(cut(keys, 100), 1, (part) => dynamo.send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys: part, ConsistentRead: true } } })));
      },
    },
    {
      name: 'the import\'s ChunkWriter under remapIds: journal, fenced conditional transactions, read-back, chunks of 1,000',
      prepare: async () => {
        const { batch, userId, importId } = fresh();
        const writer = new ChunkWriter(dynamo, tables, new JournalStore(s3, env.PACKAGES_BUCKET));
        return async () => {
          for (const [chunk, part] of cut(batch, 1000).entries()) {
            const out = await writer.write('transactions', part, { userId, importId, step: 'transactions', chunk, strategy: 'fail_on_conflict', remapIds: true, fence });
            if ((await writer.verify('transactions', out.written)).length) throw new Error('read-back differs');
          }
        };
      },
    },
  ];
  const loadBefore = loadavg();
  const results: { variant: string; items: number; seconds: number; msPerItem: number; serverCpuMsPerItem?: number; serverCores?: number }[] = [];
  try {
    for (const v of variants) {
      const run = await v.prepare();
      const cpuBefore = serverCpu('dynamodb');
      const started = performance.now();
      await run();
      const ms = performance.now() - started;
      const cpuAfter = serverCpu('dynamodb');
      // DynamoDB Local's own CPU over the variant, when it runs here: what each item costs the server, and on how many cores
      const serverMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) * 1000;
      results.push({
        variant: v.name, items, seconds: Number((ms / 1000).toFixed(2)), msPerItem: Number((ms / items).toFixed(3)),
        ...(serverMs !== undefined && { serverCpuMsPerItem: Number((serverMs / items).toFixed(3)), serverCores: Number((serverMs / ms).toFixed(2)) }),
      });
      console.error(`[bench:write-costs] ${v.name}: ${(ms / items).toFixed(3)} ms per item`);
    }
  } finally {
    for (const w of written) {
      await batchDeleteAll(dynamo, table, w.keys, { concurrency: 4 });
      await deletePrefix(s3, env.PACKAGES_BUCKET, importPrefix(w.userId, w.importId));
    }
    for (const id of [fenceId, ...laneIds]) await dynamo.send(new DeleteItemCommand({ TableName: tables.importJobs, Key: { importId: { S: id } } }));
  }
  const out = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadBefore, loadAfter: loadavg(), items, results };
  console.log(JSON.stringify(out, null, 2));
  console.log(['', `Run of ${out.date.slice(0, 16).replace('T', ' ')} UTC, node ${out.node}, ${out.cpus} cores (load average ${loadBefore[0]!.toFixed(1)} before, ${out.loadAfter[0]!.toFixed(1)} after), ${items.toLocaleString('en-US')} items a variant:`, '',
    '| write | ms per item | server CPU ms per item | server cores busy |', '|---|---:|---:|---:|',
    ...results.map((r) => `| ${r.variant} | ${r.msPerItem} | ${r.serverCpuMsPerItem ?? '-'} | ${r.serverCores ?? '-'} |`)].join('\n'));
  dynamo.destroy();
  s3.destroy();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
