import { randomUUID } from 'node:crypto';
import { BatchWriteItemCommand, QueryCommand, QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { tableNames, toItem } from '@housef3/data-model';
import { buildTransaction } from '@housef3/package-format/testing';
import { stackEnv, testDynamo } from '@housef3/testing';
import { queryPageBytes } from './query-page-bytes';

/** Against DynamoDB Local: the bytes are the response the SDK would have parsed, page after page. */
describe('queryPageBytes', () => {
  const dynamo = testDynamo();
  const table = tableNames(stackEnv().TABLE_PREFIX).transactions;
  const userId = `query-bytes-${randomUUID()}`;
  const transactions = Array.from({ length: 7 }, (_, i) => buildTransaction({ date: 1_704_067_200_000 + i * 86_400_000, transactionHash: 18446744073709551557n - BigInt(i) }));
  const input: QueryCommandInput = { TableName: table, IndexName: 'UserIdIndex', KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': { S: userId } }, Limit: 3 };

  beforeAll(async () => {
    await dynamo.send(new BatchWriteItemCommand({ RequestItems: { [table]: transactions.map((t) => ({ PutRequest: { Item: toItem('transactions', t, userId) } })) } }));
  });
  afterAll(() => dynamo.destroy());

  it('gives each page as DynamoDB sent it: the items and the key to go on from that the SDK parses', async () => {
    let from: QueryCommandInput['ExclusiveStartKey'];
    const pages: number[] = [];
    do {
      const page = { ...input, ...(from && { ExclusiveStartKey: from }) };
      const bytes = await queryPageBytes(dynamo, page);
      // a buffer of its own: it can be moved to another thread
      expect(bytes.byteOffset).toBe(0);
      expect(bytes.byteLength).toBe(bytes.buffer.byteLength);
      const raw = JSON.parse(new TextDecoder().decode(bytes)) as { Items: unknown[]; LastEvaluatedKey?: QueryCommandInput['ExclusiveStartKey'] };
      const parsed = await dynamo.send(new QueryCommand(page));
      expect(raw.Items).toEqual(parsed.Items);
      expect(raw.LastEvaluatedKey).toEqual(parsed.LastEvaluatedKey);
      pages.push(raw.Items.length);
      from = raw.LastEvaluatedKey;
    } while (from);
    expect(pages.reduce((a, b) => a + b, 0)).toBe(7);
    expect(pages[0]).toBe(3);
  });

  it('keeps a transactionHash above 2^53 as the text DynamoDB holds', async () => {
    const text = new TextDecoder().decode(await queryPageBytes(dynamo, { ...input, Limit: 1 }));
    expect(text).toContain('"transactionHash":{"N":"18446744073709551557"}');
  });

  it('fails as the SDK does when DynamoDB refuses the query', async () => {
    await expect(queryPageBytes(dynamo, { ...input, TableName: `${table}-missing` })).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
