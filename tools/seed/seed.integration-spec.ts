import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { AttributeValue, paginateQuery } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { fromItem } from '@housef3/data-model';
import { ENTITY_NAMES, EntityName, RULE_CONDITIONS, RULE_FIELDS_TO_MATCH, computeTransactionHash, validateRecord } from '@housef3/package-format';
import { LARGE_FILE_BYTES, planSeed, statementChunks } from './generate';
import { purgeUser } from './purge-user';
import { SeedClients, SeedNames, destroyClients, localStackTarget } from './seed-target';
import { SeedSummary, seedUser } from './seed-user';
import { parseCsv, parseOfx } from './test-support/statement-readers';

type StoredItem = Record<string, AttributeValue>;

/** The 1.2 entities' tables are keyed by userId: no index (undefined). */
const TABLES: { [E in EntityName]: { table: keyof SeedNames['tables']; index: string | undefined } } = {
  accounts: { table: 'accounts', index: 'UserIdIndex' },
  transactions: { table: 'transactions', index: 'UserIdIndex' },
  categories: { table: 'categories', index: 'UserIdIndex' },
  file_maps: { table: 'fileMaps', index: 'UserIdIndex' },
  transaction_files: { table: 'transactionFiles', index: 'UserIdIndex' },
  analytics: { table: 'analyticsData', index: 'UserAnalyticsIndex' },
  user_preferences: { table: 'userPreferences', index: undefined },
  recurring_charge_patterns: { table: 'recurringChargePatterns', index: undefined },
  recurring_charge_predictions: { table: 'recurringChargePredictions', index: undefined },
  pattern_feedback: { table: 'patternFeedback', index: undefined },
};

const OPTIONS = { transactions: 300, files: 4, awkward: true, seed: 'seed-integration' };

/** Attribute accessors: the text of an S or N, the items of an L of M (empty when absent). */
const text = (item: StoredItem, name: string): string => item[name]?.S ?? item[name]?.N ?? '';
const maps = (item: StoredItem, name: string): StoredItem[] => (item[name]?.L ?? []).map((entry) => entry.M ?? {});
const typeOf = (item: StoredItem, name: string): string => Object.keys(item[name] ?? {})[0];

describe('npm run seed (seedUser) against the local stack', () => {
  const userId = `seed-it-${randomUUID()}`;
  let clients: SeedClients;
  let names: SeedNames;
  let summary: SeedSummary;
  const stored = {} as { [E in EntityName]: StoredItem[] };
  const one = (entity: EntityName, field: string, value: string): StoredItem => {
    const found = stored[entity].find((item) => text(item, field) === value);
    if (found === undefined) throw new Error(`no ${entity} item with ${field} ${value}`);
    return found;
  };

  beforeAll(async () => {
    ({ clients, names } = localStackTarget());
    summary = await seedUser(clients, names, { userId, ...OPTIONS });
    // Read everything back the way an export does: through the user indexes, every page (small pages on purpose).
    for (const entity of ENTITY_NAMES) {
      const { table, index } = TABLES[entity];
      stored[entity] = [];
      const query = { TableName: names.tables[table], IndexName: index, KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': { S: userId } } };
      for await (const page of paginateQuery({ client: clients.dynamo, pageSize: 40 }, query)) stored[entity].push(...(page.Items ?? []));
    }
  });

  afterAll(async () => {
    if (clients === undefined) return;
    await purgeUser(clients, names, userId);
    destroyClients(clients);
  });

  it('writes the counts it reports, all owned by the user', () => {
    expect(summary.counts).toEqual({
      accounts: 6, categories: 23, file_maps: 3, transaction_files: 6, transactions: 300, analytics: 7,
      user_preferences: 1, recurring_charge_patterns: 2, recurring_charge_predictions: 1, pattern_feedback: 2,
    });
    for (const entity of ENTITY_NAMES) {
      expect({ entity, count: stored[entity].length }).toEqual({ entity, count: summary.counts[entity] });
      for (const item of stored[entity]) expect(item.userId).toEqual({ S: userId });
    }
  });

  it('stores items that decode with fromItem and validate without a single issue', () => {
    for (const entity of ENTITY_NAMES) {
      for (const item of stored[entity]) {
        const decoded = fromItem(entity, item);
        expect(decoded.issues).toEqual([]);
        expect(validateRecord(entity, decoded.raw).issues).toEqual([]);
      }
    }
  });

  it('stores transactionHash values that recompute exactly from the stored fields, and duplicates that really are', () => {
    const seen = new Set<string>();
    const order = (item: StoredItem) => [Number(text(item, 'date')), text(item, 'fileId'), Number(text(item, 'importOrder'))] as const;
    const chronological = [...stored.transactions].sort((a, b) => {
      const [x, y] = [order(a), order(b)];
      return x[0] - y[0] || x[1].localeCompare(y[1]) || x[2] - y[2];
    });
    for (const item of chronological) {
      const hash = BigInt(text(item, 'transactionHash'));
      expect(computeTransactionHash(text(item, 'accountId'), BigInt(text(item, 'date')), text(item, 'amount'), text(item, 'description'))).toBe(hash);
      const key = `${text(item, 'accountId')}|${hash}`;
      const id = text(item, 'transactionId');
      expect({ id, status: text(item, 'status') }).toEqual({ id, status: seen.has(key) ? 'duplicate' : 'new' });
      seen.add(key);
    }
    expect(stored.transactions.filter((item) => text(item, 'status') === 'duplicate').length).toBe(summary.duplicates);
    expect(summary.duplicates).toBeGreaterThan(0);
  });

  it('stores every field with the DynamoDB type HouseF3 uses (quirks included), as DynamoDB normalizes numbers', () => {
    expect(stored.accounts.filter((item) => item.balance).map((item) => typeOf(item, 'balance'))).toEqual(['S', 'S', 'S', 'S', 'S']);
    for (const item of stored.transactions) {
      expect(['amount', 'balance', 'transactionHash', 'date'].map((name) => typeOf(item, name))).toEqual(['N', 'N', 'N', 'N']);
      expect(item.statusDate).toEqual({ S: `${text(item, 'status')}#${text(item, 'date')}` });
    }
    const processed = one('transaction_files', 'processingStatus', 'processed');
    expect([typeOf(processed, 'openingBalance'), typeOf(processed, 'closingBalance')]).toEqual(['S', 'N']);
    const amountRules = stored.categories.flatMap((item) => maps(item, 'rules')).filter((rule) => rule.amountMin !== undefined);
    expect(new Set(amountRules.map((rule) => typeOf(rule, 'amountMin')))).toEqual(new Set(['S']));
    for (const item of stored.analytics) {
      expect(item.pk).toEqual({ S: `${userId}#${text(item, 'analyticType')}` });
      expect(item.sk).toEqual({ S: `${text(item, 'timePeriod')}#${item.accountId?.S ?? 'ALL'}` });
    }
    // Written as "-1200.10", "-64.00" and "0": DynamoDB hands back its normalized form (docs/dynamodb-codec.md).
    const cases = summary.awkwardCases?.transactions;
    expect(one('transactions', 'transactionId', cases?.['trailing-zero'] ?? '').amount).toEqual({ N: '-1200.1' });
    expect(one('transactions', 'transactionId', cases?.['hash-above-2^63'] ?? '').amount).toEqual({ N: '-64' });
    expect(one('transactions', 'transactionId', cases?.['zero-amount'] ?? '').amount).toEqual({ N: '0' });
  });

  it('stores the file bytes at s3Key with x-amz-meta-fileid, their size being fileSize, their lines the transactions', async () => {
    const plan = planSeed({ userId, ...OPTIONS });
    for (const record of stored.transaction_files) {
      const fileId = text(record, 'fileId');
      const key = text(record, 's3Key');
      expect(key).toBe(`${userId}/${fileId}/${text(record, 'fileName')}`);
      const head = await clients.s3.send(new HeadObjectCommand({ Bucket: names.fileStorageBucket, Key: key }));
      expect({ fileId, size: head.ContentLength, meta: head.Metadata?.fileid }).toEqual({ fileId, size: Number(text(record, 'fileSize')), meta: fileId });

      const file = plan.files.find((f) => f.fileId === fileId);
      if (file === undefined) throw new Error(`file ${fileId} is not in the plan`);
      const expected = createHash('sha256');
      for (const chunk of statementChunks(plan, file)) expected.update(chunk);
      const object = await clients.s3.send(new GetObjectCommand({ Bucket: names.fileStorageBucket, Key: key }));
      const actual = createHash('sha256');
      const textChunks: Buffer[] = [];
      for await (const chunk of object.Body as Readable) {
        actual.update(chunk as Buffer);
        if (file.kind === 'statement') textChunks.push(chunk as Buffer);
      }
      expect(actual.digest('hex')).toBe(expected.digest('hex'));
      if (file.kind !== 'statement') continue;

      const transactions = stored.transactions.filter((t) => text(t, 'fileId') === fileId).sort((a, b) => Number(text(a, 'importOrder')) - Number(text(b, 'importOrder')));
      expect(transactions.length).toBe(Number(text(record, 'recordCount')));
      expect(transactions.filter((t) => text(t, 'status') === 'duplicate').length).toBe(Number(text(record, 'duplicateCount')));
      const statement = Buffer.concat(textChunks).toString('utf8');
      if (file.format === 'ofx') {
        expect(parseOfx(statement).map((line) => [line.fitId, line.name])).toEqual(transactions.map((t) => [text(t, 'fitId'), text(t, 'description')]));
      } else {
        expect(parseCsv(statement).slice(1).map((row) => row[1])).toEqual(transactions.map((t) => text(t, 'description')));
      }
    }
  });

  it('contains the awkward cases: 20 MiB and zero-byte files, unicode names, a hash above 2^63 and its duplicate, manual assignments', () => {
    const cases = summary.awkwardCases;
    if (cases === undefined) throw new Error('the awkward cases are missing from the summary');
    expect(one('transaction_files', 'fileId', cases.largeFileId).fileSize).toEqual({ N: String(LARGE_FILE_BYTES) });
    expect(one('transaction_files', 'fileId', cases.emptyFileId).fileSize).toEqual({ N: '0' });
    expect(cases.unicodeFileIds.map((id) => text(one('transaction_files', 'fileId', id), 'fileName'))).toEqual(['relevé de compte – 2024 ✓.csv', '取引明細書 2024年1月.ofx']);

    const large = one('transactions', 'transactionId', cases.transactions['hash-above-2^63']);
    expect(BigInt(text(large, 'transactionHash'))).toBeGreaterThan(1n << 63n);
    expect(BigInt(text(large, 'transactionHash'))).toBe(cases.largeHash);
    const duplicate = one('transactions', 'transactionId', cases.transactions['duplicate-of-large-hash']);
    expect([text(duplicate, 'status'), text(duplicate, 'transactionHash')]).toEqual(['duplicate', text(large, 'transactionHash')]);
    expect(text(one('transactions', 'transactionId', cases.transactions['tab-in-description']), 'description')).toContain('\t');

    const assignments = stored.transactions.flatMap((item) => maps(item, 'categories'));
    expect(assignments.some((a) => a.isManual?.BOOL === true && text(a, 'status') === 'confirmed' && a.confirmedAt !== undefined)).toBe(true);
    expect(assignments.some((a) => text(a, 'status') === 'suggested' && a.ruleId !== undefined)).toBe(true);
    expect(assignments.some((a) => a.isManual?.BOOL === false && text(a, 'status') === 'confirmed')).toBe(true);

    const parentOf = new Map(stored.categories.map((item) => [text(item, 'categoryId'), item.parentCategoryId?.S]));
    const depth = (id: string | undefined): number => (id === undefined ? 0 : 1 + depth(parentOf.get(id)));
    expect(Math.max(...stored.categories.map((item) => depth(text(item, 'categoryId'))))).toBe(3);
    const rules = stored.categories.flatMap((item) => maps(item, 'rules'));
    expect(new Set(rules.map((rule) => text(rule, 'condition')))).toEqual(new Set(RULE_CONDITIONS));
    expect(new Set(rules.map((rule) => text(rule, 'fieldToMatch')))).toEqual(new Set(RULE_FIELDS_TO_MATCH));
  });
});
