import { BatchGetItemCommand, DynamoDBClient, TransactionCanceledException, TransactWriteItem, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { tableNames } from '@housef3/data-model';
import { ChunkWriter, ChunkContext, transactionBatches } from './chunk-writer';
import { LeaseLost } from './import.saga';
import { ChunkJournal, JournalStore } from './journal.store';

const FENCE: TransactWriteItem = { ConditionCheck: { TableName: 'jobs', Key: { importId: { S: 'i' } }, ConditionExpression: 'leaseOwner = :o' } };
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ transactionId: { S: `t${i}` }, userId: { S: 'u' } }));

/**
 * A DynamoDB client that records every transaction and every read; reads find `stored` (nothing by
 * default); `cancel` makes each TransactWriteItems fail with these reasons.
 */
function fakeDynamo(cancel?: string[], stored: Record<string, unknown>[] = []) {
  const transactions: TransactWriteItem[][] = [];
  const reads: unknown[] = [];
  const send = jest.fn(async (command: unknown) => {
    if (command instanceof BatchGetItemCommand) {
      const request = Object.values(command.input.RequestItems ?? {})[0]!;
      reads.push(request);
      const wanted = new Set((request.Keys ?? []).map((k) => JSON.stringify(k)));
      return { Responses: { [Object.keys(command.input.RequestItems!)[0]!]: stored.filter((i) => wanted.has(JSON.stringify({ transactionId: i.transactionId }))) } };
    }
    if (command instanceof TransactWriteItemsCommand) {
      transactions.push(command.input.TransactItems ?? []);
      if (cancel) throw new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: cancel.map((Code) => ({ Code })) });
      return {};
    }
    throw new Error(`unexpected ${String(command)}`);
  });
  return { client: { send } as unknown as DynamoDBClient, transactions, reads };
}

function fakeJournals(journaled: ChunkJournal[] = []): JournalStore {
  return {
    get: jest.fn(async () => undefined),
    putIfAbsent: async (_u: string, _i: string, journal: ChunkJournal) => {
      journaled.push(journal);
      return journal;
    },
  } as unknown as JournalStore;
}

const ctx = (fence: TransactWriteItem | null, remapIds = false): ChunkContext => ({ userId: 'u', importId: 'i', step: 'transactions', chunk: 0, strategy: 'fail_on_conflict', remapIds, fence });

describe('ChunkWriter.write', () => {
  it('puts the fence first in every transaction, with up to 99 writes beside it', async () => {
    const { client, transactions } = fakeDynamo();
    const counts = await new ChunkWriter(client, tableNames('t'), fakeJournals()).write('transactions', items(250), ctx(FENCE));
    expect(counts).toMatchObject({ created: 250, updated: 0, skipped: 0 });
    expect(counts.written).toHaveLength(250);
    expect(transactions.map((t) => t.length)).toEqual([100, 100, 53]);
    expect(transactions.every((t) => t[0] === FENCE)).toBe(true);
    expect(transactions.flat().filter((i) => i.Put).length).toBe(250);
  });

  it('without a fence writes 100 a transaction, the same conditional puts', async () => {
    const { client, transactions } = fakeDynamo();
    await new ChunkWriter(client, tableNames('t'), fakeJournals()).write('transactions', items(200), ctx(null));
    expect(transactions.map((t) => t.length)).toEqual([100, 100]);
    expect(transactions.flat().every((i) => i.Put?.ConditionExpression === 'attribute_not_exists(#h) OR userId = :me')).toBe(true);
  });

  it('reads a refused first item as a lost lease only when it is the fence', async () => {
    const fenced = fakeDynamo(['ConditionalCheckFailed', 'None']);
    await expect(new ChunkWriter(fenced.client, tableNames('t'), fakeJournals()).write('transactions', items(1), ctx(FENCE))).rejects.toBeInstanceOf(LeaseLost);
    const unfenced = fakeDynamo(['ConditionalCheckFailed']);
    await expect(new ChunkWriter(unfenced.client, tableNames('t'), fakeJournals()).write('transactions', items(1), ctx(null))).rejects.toMatchObject({ code: 'WRITE_CONFLICT' });
  });
});

describe('ChunkWriter under remapIds', () => {
  it('journals every key as created without reading the table or an earlier journal, and keeps the conditional puts', async () => {
    const { client, transactions, reads } = fakeDynamo();
    const journaled: ChunkJournal[] = [];
    const journals = fakeJournals(journaled);
    const counts = await new ChunkWriter(client, tableNames('t'), journals).write('transactions', items(150), ctx(FENCE, true));
    expect(reads).toEqual([]);
    expect(journals.get).not.toHaveBeenCalled();
    expect(journaled).toHaveLength(1);
    expect(journaled[0]!.created).toEqual(items(150).map((i) => ({ transactionId: i.transactionId })));
    expect(counts).toMatchObject({ created: 150, updated: 0, skipped: 0 });
    expect(transactions.flat().filter((i) => i.Put).every((i) => i.Put!.ConditionExpression === 'attribute_not_exists(#h) OR userId = :me')).toBe(true);
  });

  it('without remapIds reads the chunk\'s keys first and refuses a record of another user before writing anything', async () => {
    const { client, transactions, reads } = fakeDynamo(undefined, [{ transactionId: { S: 't3' }, userId: { S: 'someone-else' } }]);
    await expect(new ChunkWriter(client, tableNames('t'), fakeJournals()).write('transactions', items(10), ctx(FENCE))).rejects.toMatchObject({ code: 'ID_OWNED_BY_ANOTHER_USER' });
    expect(reads).toHaveLength(1);
    expect(transactions).toEqual([]);
  });
});

describe('ChunkWriter.verify', () => {
  const written = [
    { transactionId: { S: 't0' }, userId: { S: 'u' }, amount: { N: '12.50' } },
    { transactionId: { S: 't1' }, userId: { S: 'u' }, amount: { N: '3' } },
    { transactionId: { S: 't2' }, userId: { S: 'u' }, amount: { N: '4' } },
  ];

  it('finds nothing wrong when every record reads back equal (numbers by value)', async () => {
    const { client } = fakeDynamo(undefined, [{ ...written[0], amount: { N: '12.5' } }, written[1], written[2]]);
    expect(await new ChunkWriter(client, tableNames('t'), fakeJournals()).verify('transactions', written)).toEqual([]);
  });

  it('names each record that is missing or differs', async () => {
    const { client } = fakeDynamo(undefined, [written[0], { ...written[1], amount: { N: '3.01' } }]);
    expect(await new ChunkWriter(client, tableNames('t'), fakeJournals()).verify('transactions', written)).toEqual([
      'transactions "t1" differs from the package',
      'transactions "t2" is missing',
    ]);
  });
});

describe('transactionBatches', () => {
  it('cuts by count, in order', () => {
    expect(transactionBatches([1, 2, 3, 4, 5], 2, () => 1)).toEqual([[1, 2], [3, 4], [5]]);
    expect(transactionBatches([], 2, () => 1)).toEqual([]);
  });

  it('keeps a transaction under 3.5 MiB of items (DynamoDB allows 4 MB), however few items that is', () => {
    const KB = 1024;
    const sizes = [400 * KB, 400 * KB, 400 * KB, 400 * KB, 400 * KB, 400 * KB, 400 * KB, 400 * KB, 400 * KB, 1 * KB];
    const batches = transactionBatches(sizes, 99, (s) => s);
    expect(batches.map((b) => b.length)).toEqual([8, 2]);
    expect(batches.every((b) => b.reduce((a, c) => a + c, 0) <= 3.5 * 1024 * KB)).toBe(true);
  });
});
