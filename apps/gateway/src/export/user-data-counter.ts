import { AttributeValue, DynamoDBClient, QueryCommand, QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { EntityKind, ExportOptionsV1 } from '@housef3/contracts';
import { TableNames } from '@housef3/data-model';
import { closeSelection, EstimatedFile, extrapolateByDate } from '@housef3/jobs';

/** What an export with some options would hold, counted from the user's tables without reading the records. */
export interface UserDataCount {
  /** records per entity the export holds (entities it leaves out are absent) */
  counts: Partial<Record<EntityKind, number>>;
  /** the original statement files it packages */
  files: Array<EstimatedFile & { fileId: string }>;
  /** requested accountIds that are not the user's (nothing else was counted then) */
  unknownAccounts: string[];
  /** false when a count was stopped by the page budget and extrapolated (see UserDataCounter) */
  exact: boolean;
}

export interface CountLimits {
  /** Query pages the counts may read beyond the first page of each query. */
  maxPages: number;
  /** items per page (DynamoDB's Limit); unset: DynamoDB's 1 MB pages */
  pageSize?: number;
  /** queries in flight at once */
  concurrency: number;
}

/**
 * ~6,000 transactions counted exactly (3 pages of 2,000); more are extrapolated from the dates
 * reached (the estimate sizes progress and the answer's promise; it is never a limit). Pages
 * carry an explicit Limit: without one a page is whatever fits in 1 MB, which costs DynamoDB as
 * many read units as reading the items, and DynamoDB Local seconds per page on a large
 * user (it sizes the page item by item). The count runs inside POST /export, so its budget is
 * the request's latency: a few hundred milliseconds, not a full read.
 */
export const ESTIMATE_LIMITS: CountLimits = { maxPages: 2, pageSize: 2000, concurrency: 4 };

type Options = Pick<ExportOptionsV1, 'includeAnalytics' | 'format' | 'accountIds' | 'dateRange' | 'categoriesOnly' | 'includeUserState'>;
interface Counted { count: number; exact: boolean }
interface AccountRow { accountId: string; defaultFileMapId?: string }
interface FileRow { fileId: string; accountId?: string; fileMapId?: string; fileSize?: number; fileFormat?: string; dateRange?: { startDate: number; endDate: number } }
interface FileMapRow { fileMapId: string; accountId?: string }

const USER_STATE: ReadonlyArray<[EntityKind, keyof TableNames]> = [
  ['user_preferences', 'userPreferences'], ['recurring_charge_patterns', 'recurringChargePatterns'],
  ['recurring_charge_predictions', 'recurringChargePredictions'], ['pattern_feedback', 'patternFeedback'],
];

/**
 * Counts what an export would hold with cheap reads of one user's data: `Select: 'COUNT'` queries
 * on the indexes and ranges the export-service's collection reads (UserIdIndex by date,
 * AccountDateIndex per account, UserAnalyticsIndex, the user-keyed tables), and the small
 * records the selection needs (accounts, file maps, and the statement files with their sizes),
 * closed over references by the export's own closeSelection. Only the user's items are counted
 * (AccountDateIndex is filtered by userId).
 *
 * Bounded: each query reads its first page, and all of them together at most `maxPages` more. A
 * count by date stopped by that budget is extrapolated over the dates it did not reach (`exact`
 * false); files referenced by selected transactions from outside the selection's date range or
 * accounts are not known before the transactions are read (HouseF3 files hold their own
 * account's transactions in their own date range, so there are none in practice).
 */
export class UserDataCounter {
  private readonly doc: DynamoDBDocumentClient;

  constructor(private readonly client: DynamoDBClient, private readonly tables: TableNames, private readonly limits: CountLimits = ESTIMATE_LIMITS) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async count(userId: string, options: Options): Promise<UserDataCount> {
    const budget = { pages: this.limits.maxPages };
    const user = { ':u': { S: userId } };
    if (options.categoriesOnly) {
      const categories = await this.countQuery(budget, { TableName: this.tables.categories, IndexName: 'UserIdIndex', KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: user });
      return { counts: { categories: categories.count }, files: [], unknownAccounts: [], exact: categories.exact };
    }

    const [accounts, files, fileMaps] = await Promise.all([
      this.rows<AccountRow>(userId, this.tables.accounts, ['accountId', 'defaultFileMapId']),
      this.rows<FileRow>(userId, this.tables.transactionFiles, ['fileId', 'accountId', 'fileMapId', 'fileSize', 'fileFormat', 'dateRange']),
      this.rows<FileMapRow>(userId, this.tables.fileMaps, ['fileMapId', 'accountId']),
    ]);
    const owned = new Set(accounts.map((a) => a.accountId));
    const unknownAccounts = (options.accountIds ?? []).filter((id) => !owned.has(id));
    if (unknownAccounts.length) return { counts: {}, files: [], unknownAccounts, exact: true };
    const selection = closeSelection(options as ExportOptionsV1, { accounts, files, fileMaps }, new Set());
    const counts: Partial<Record<EntityKind, number>> = {
      accounts: selection.accounts.length, file_maps: selection.fileMaps.length, transaction_files: selection.files.length,
    };
    let exact = true;
    const tally = (entity: EntityKind) => (c: Counted) => {
      counts[entity] = (counts[entity] ?? 0) + c.count;
      exact &&= c.exact;
    };

    const work: Array<() => Promise<void>> = [];
    work.push(() => this.countQuery(budget, { TableName: this.tables.categories, IndexName: 'UserIdIndex', KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: user }).then(tally('categories')));
    counts.transactions = 0;
    if (options.accountIds) {
      for (const accountId of options.accountIds) work.push(() => this.countAccountTransactions(budget, userId, accountId, options.dateRange).then(tally('transactions')));
    } else {
      work.push(() => this.countUserTransactions(budget, userId, options.dateRange).then(tally('transactions')));
    }
    if (options.includeAnalytics) {
      counts.analytics = 0;
      const analytics = { TableName: this.tables.analyticsData, IndexName: 'UserAnalyticsIndex', KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: user };
      if (options.format === 'complete' || !options.accountIds) work.push(() => this.countQuery(budget, analytics).then(tally('analytics')));
      else {
        // only the analytics of the selected accounts: filtered by accountId (at most 100 values in an IN)
        const ids = selection.accounts.map((a) => a.accountId);
        for (let i = 0; i < ids.length; i += 100) {
          const chunk = ids.slice(i, i + 100);
          const values: Record<string, AttributeValue> = { ...user, ...Object.fromEntries(chunk.map((id, j) => [`:a${j}`, { S: id }])) };
          work.push(() => this.countQuery(budget, { ...analytics, FilterExpression: `accountId IN (${chunk.map((_, j) => `:a${j}`).join(', ')})`, ExpressionAttributeValues: values }).then(tally('analytics')));
        }
      }
    }
    if (options.format === 'complete' && options.includeUserState !== false) {
      for (const [entity, table] of USER_STATE) {
        counts[entity] = 0;
        work.push(() => this.countQuery(budget, { TableName: this.tables[table], KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: user }).then(tally(entity)));
      }
    }
    await runLimited(work, this.limits.concurrency);
    return {
      counts, unknownAccounts: [], exact,
      files: selection.files.map((f) => ({ fileId: f.fileId, size: Number(f.fileSize ?? 0), ...(f.fileFormat !== undefined && { format: f.fileFormat }) })),
    };
  }

  /** The user's transactions, all of them or those with date in the range (UserIdIndex, as the collection reads them). */
  private countUserTransactions(budget: { pages: number }, userId: string, range?: { from: number; to: number }): Promise<Counted> {
    const values: Record<string, AttributeValue> = { ':u': { S: userId } };
    let condition = 'userId = :u';
    if (range) {
      condition += ' AND #d BETWEEN :from AND :to';
      values[':from'] = { N: String(range.from) };
      values[':to'] = { N: String(range.to) };
    }
    const index = { TableName: this.tables.transactions, IndexName: 'UserIdIndex' };
    return this.countQuery(budget, { ...index, KeyConditionExpression: condition, ...(range && { ExpressionAttributeNames: { '#d': 'date' } }), ExpressionAttributeValues: values },
      () => this.dateSpan({ ...index, KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': { S: userId } } }, range));
  }

  /** One account's transactions (AccountDateIndex, as the collection reads them), the user's only. */
  private countAccountTransactions(budget: { pages: number }, userId: string, accountId: string, range?: { from: number; to: number }): Promise<Counted> {
    const values: Record<string, AttributeValue> = { ':a': { S: accountId }, ':u': { S: userId } };
    let condition = 'accountId = :a';
    if (range) {
      condition += ' AND #d BETWEEN :from AND :to';
      values[':from'] = { N: String(range.from) };
      values[':to'] = { N: String(range.to) };
    }
    const index = { TableName: this.tables.transactions, IndexName: 'AccountDateIndex' };
    return this.countQuery(budget, { ...index, KeyConditionExpression: condition, FilterExpression: 'userId = :u', ...(range && { ExpressionAttributeNames: { '#d': 'date' } }), ExpressionAttributeValues: values },
      () => this.dateSpan({ ...index, KeyConditionExpression: 'accountId = :a', ExpressionAttributeValues: { ':a': { S: accountId } } }, range));
  }

  /**
   * Counts a query's items a page at a time within the budget. When the budget runs out first,
   * a query keyed by date is extrapolated over the dates it did not reach; another stops at what
   * it counted.
   */
  private async countQuery(budget: { pages: number }, input: QueryCommandInput, span?: () => Promise<[number, number] | undefined>): Promise<Counted> {
    let count = 0;
    let key: Record<string, AttributeValue> | undefined;
    for (let page = 0; ; page++) {
      if (page > 0) {
        if (budget.pages <= 0) {
          const reached = key?.date?.N === undefined ? undefined : Number(key.date.N);
          const edges = span && reached !== undefined ? await span() : undefined;
          return { count: edges && reached !== undefined ? extrapolateByDate(count, edges[0], reached, edges[1]) : count, exact: false };
        }
        budget.pages--;
      }
      const out = await this.client.send(new QueryCommand({ ...input, Select: 'COUNT', ...(key && { ExclusiveStartKey: key }), ...(this.limits.pageSize && { Limit: this.limits.pageSize }) }));
      count += out.Count ?? 0;
      key = out.LastEvaluatedKey;
      if (!key) return { count, exact: true };
    }
  }

  /** The first and last date a query's partition holds, within `range` when one is given. */
  private async dateSpan(input: QueryCommandInput, range?: { from: number; to: number }): Promise<[number, number] | undefined> {
    const edge = async (forward: boolean) => {
      const out = await this.client.send(new QueryCommand({ ...input, ScanIndexForward: forward, Limit: 1, ProjectionExpression: '#d', ExpressionAttributeNames: { '#d': 'date' } }));
      const date = out.Items?.[0]?.date?.N;
      return date === undefined ? undefined : Number(date);
    };
    const [first, last] = await Promise.all([edge(true), edge(false)]);
    if (first === undefined || last === undefined) return undefined;
    return range ? [Math.max(first, range.from), Math.min(last, range.to)] : [first, last];
  }

  /** Every item of a UserIdIndex, only the given attributes (the user's small records: accounts, files, file maps). */
  private async rows<T>(userId: string, table: string, attributes: string[]): Promise<T[]> {
    const names = Object.fromEntries(['userId', ...attributes].map((a, i) => [`#p${i}`, a]));
    const out: T[] = [];
    for await (const page of paginateQuery({ client: this.doc }, {
      TableName: table, IndexName: 'UserIdIndex', KeyConditionExpression: '#p0 = :u', ExpressionAttributeValues: { ':u': userId },
      ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names,
    })) for (const item of page.Items ?? []) if (item.userId === userId) out.push(item as T);
    return out;
  }
}

/** Runs the tasks, at most `limit` at a time; the first failure fails the whole. */
async function runLimited(tasks: Array<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
}
