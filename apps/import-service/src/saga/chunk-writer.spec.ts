import { BatchGetItemCommand, DynamoDBClient, TransactionCanceledException, TransactWriteItem, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { tableNames } from '@housef3/data-model';
import { ChunkWriter, ChunkContext, transactionBatches } from './chunk-writer';
import { LeaseLost } from './import.saga';
import { ChunkJournal, JournalStore } from './journal.store';

const FENCE: TransactWriteItem = { ConditionCheck: { TableName: 'jobs', Key: { importId: { S: 'i' } }, ConditionExpression: 'leaseOwner = :o' } };
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ transactionId: { S: `t${i}` }, userId: { S: 'u' } }));

/** A DynamoDB client that finds nothing and records every transaction; `cancel` makes each TransactWriteItems fail with these reasons. */
function fakeDynamo(cancel?: string[]) {
  const transactions: TransactWriteItem[][] = [];
  const send = jest.fn(async (command: unknown) => {
    if (command instanceof BatchGetItemCommand) return { Responses: {} };
    if (command instanceof TransactWriteItemsCommand) {
      transactions.push(command.input.TransactItems ?? []);
      if (cancel) throw new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: cancel.map((Code) => ({ Code })) });
      return {};
    }
    throw new Error(`unexpected ${String(command)}`);
  });
  return { client: { send } as unknown as DynamoDBClient, transactions };
}

function fakeJournals(): JournalStore {
  return {
    get: async () => undefined,
    putIfAbsent: async (_u: string, _i: string, journal: ChunkJournal) => journal,
  } as unknown as JournalStore;
}

const ctx = (fence: TransactWriteItem | null): ChunkContext => ({ userId: 'u', importId: 'i', step: 'transactions', chunk: 0, strategy: 'fail_on_conflict', fence });

describe('ChunkWriter.write', () => {
  it('puts the fence first in every transaction, with up to 99 writes beside it', async () => {
    const { client, transactions } = fakeDynamo();
    const counts = await new ChunkWriter(client, tableNames('t'), fakeJournals()).write('transactions', items(250), ctx(FENCE));
    expect(counts).toEqual({ created: 250, updated: 0, skipped: 0 });
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
