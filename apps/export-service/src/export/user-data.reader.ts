import { AttributeValue, DynamoDBClient, paginateQuery, QueryCommand, QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { ENTITY_TABLE, isKeyedByUser, TableNames } from '@housef3/data-model';
import { EntityName } from '@housef3/package-format';
import { ownItems } from './encoding/record-codec';
import { readInOrder } from './ordered-read-ahead';
import { queryPageBytes } from './query-page-bytes';

export type Item = Record<string, AttributeValue>;

/** One Query response's body as DynamoDB sent it, made into `U`, and where the query goes on from. */
export type PageEncode<U> = (body: Uint8Array) => Promise<{ page: U; lastKey?: Item }>;

/** How a user's transactions are read: date ranges in parallel, each this many pages ahead. */
export interface ReadOptions {
  /** Date ranges (or accounts) read at the same time (1: one query after another). */
  segments: number;
  /**
   * At most this many date ranges per export: the transactions are cut into ranges of about
   * pagesAhead pages each (from the expected count), so that the ranges read ahead of the one being
   * consumed can finish theirs instead of waiting for their turn with a full queue.
   */
  maxRanges: number;
  /** Pages each range may read beyond what was consumed. */
  pagesAhead: number;
  /** Items a page asks for. */
  pageItems: number;
}

/**
 * Reads one user's items through the GSIs, every page (HouseF3's own backup stopped at the first
 * 1 MB page). Low-level AttributeValues keep numbers exact (transactionHash exceeds 2^53).
 * Items whose userId is not the user's are never returned, whatever an index says.
 *
 * Transactions are read as several date ranges (or accounts) at once, each page's response handed
 * unparsed to an encoder as it arrives (which parses it, and says where the query goes on), and
 * the encoded pages yielded in order: the same sequence one query would give, at the speed of
 * several.
 */
export class UserDataReader {
  constructor(private readonly dynamo: DynamoDBClient, private readonly tables: TableNames, private readonly read: ReadOptions = { segments: 6, pagesAhead: 4, pageItems: 500, maxRanges: 4096 }) {}

  /** Every item of `entity` owned by `userId`. */
  all(entity: EntityName, userId: string): AsyncGenerator<Item> {
    const table = this.tables[ENTITY_TABLE[entity]];
    // the 1.2 entities' tables are keyed by userId itself
    if (isKeyedByUser(entity)) return flat(this.pages(userId, { TableName: table, KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': { S: userId } } }));
    const index = entity === 'analytics' ? 'UserAnalyticsIndex' : 'UserIdIndex';
    return flat(this.pages(userId, { TableName: table, IndexName: index, KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': { S: userId } } }));
  }

  /**
   * What `encode` makes of each page of the user's transactions, in order: by date (UserIdIndex),
   * within `dateRange` if given; or `accountIds`' transactions, account after account
   * (AccountDateIndex). Date ranges (or accounts) are read in parallel and their pages encoded as
   * they arrive (readInOrder). `expected` (about how many transactions there are: the export's
   * estimate) decides how many date ranges they are cut into. `encode` gets each response as
   * DynamoDB sent it; it must drop items that are not the user's (an index may hold others').
   */
  async *transactionPages<U>(userId: string, selection: { accountIds?: readonly string[]; dateRange?: { from: number; to: number } }, expected: number, encode: PageEncode<U>): AsyncGenerator<U> {
    if (selection.accountIds) {
      yield* this.pagesOfAccounts(userId, selection.accountIds, selection.dateRange, encode);
      return;
    }
    let range = selection.dateRange;
    if (!range) {
      const [first, last] = await Promise.all([this.edgeDate(userId, true), this.edgeDate(userId, false)]);
      if (first === undefined || last === undefined) return;
      range = { from: first, to: last };
    }
    yield* this.pagesBetween(userId, range.from, range.to, this.rangesFor(expected), encode);
  }

  /** Date ranges for about `expected` transactions: each about pagesAhead pages, at least `segments` of them. */
  rangesFor(expected: number): number {
    const perRange = this.read.pageItems * this.read.pagesAhead;
    return Math.min(this.read.maxRanges, Math.max(this.read.segments, Math.ceil(Math.max(0, expected) / perRange)));
  }

  /** The user's transactions with date in [from, to] (UserIdIndex is keyed by date), read as date ranges in parallel. */
  private pagesBetween<U>(userId: string, from: number, to: number, ranges: number, encode: PageEncode<U>): AsyncGenerator<U> {
    return readInOrder(dateRanges(from, to, ranges).map(([a, b]) => () => this.encodedPages({
      TableName: this.tables.transactions, IndexName: 'UserIdIndex', KeyConditionExpression: 'userId = :u AND #d BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#d': 'date' }, ExpressionAttributeValues: { ':u': { S: userId }, ':from': { N: a }, ':to': { N: b } },
    }, encode)), this.read.segments, this.read.pagesAhead);
  }

  /** The transactions of the given accounts, account after account, optionally within [from, to] (AccountDateIndex); accounts read in parallel. */
  private pagesOfAccounts<U>(userId: string, accountIds: readonly string[], range: { from: number; to: number } | undefined, encode: PageEncode<U>): AsyncGenerator<U> {
    return readInOrder(accountIds.map((accountId) => () => {
      const values: Record<string, AttributeValue> = { ':a': { S: accountId } };
      let condition = 'accountId = :a';
      if (range) {
        condition += ' AND #d BETWEEN :from AND :to';
        values[':from'] = { N: String(range.from) };
        values[':to'] = { N: String(range.to) };
      }
      return this.encodedPages({
        TableName: this.tables.transactions, IndexName: 'AccountDateIndex', KeyConditionExpression: condition,
        ...(range && { ExpressionAttributeNames: { '#d': 'date' } }), ExpressionAttributeValues: values,
      }, encode);
    }), this.read.segments, this.read.pagesAhead);
  }

  /** Every page of a query, each response encoded as it arrives; the next page is asked for from where the encoder says the last one ended. */
  private async *encodedPages<U>(input: QueryCommandInput, encode: PageEncode<U>): AsyncGenerator<U> {
    let from: Item | undefined;
    do {
      const body = await queryPageBytes(this.dynamo, { ...input, Limit: this.read.pageItems, ...(from && { ExclusiveStartKey: from }) });
      const { page, lastKey } = await encode(body);
      yield page;
      from = lastKey;
    } while (from !== undefined);
  }

  /** The earliest (or latest) transaction date of the user. */
  private async edgeDate(userId: string, earliest: boolean): Promise<number | undefined> {
    const out = await this.dynamo.send(new QueryCommand({
      TableName: this.tables.transactions, IndexName: 'UserIdIndex', KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': { S: userId } },
      ScanIndexForward: earliest, Limit: 1, ProjectionExpression: '#d', ExpressionAttributeNames: { '#d': 'date' },
    }));
    const date = out.Items?.[0]?.date?.N;
    return date === undefined ? undefined : Number(date);
  }

  /** Pages of the user's items (an index may hold others': they are dropped here). */
  private async *pages(userId: string, input: QueryCommandInput): AsyncGenerator<Item[]> {
    for await (const page of paginateQuery({ client: this.dynamo, pageSize: this.read.pageItems }, input)) {
      yield ownItems(page.Items ?? [], userId);
    }
  }
}

/**
 * [from, to] as at most `parts` consecutive inclusive ranges of DynamoDB numbers (decimal strings)
 * that together hold every number of [from, to], fractional ones included: each range ends just
 * below where the next begins, at DynamoDB's 38 significant digits.
 */
export function dateRanges(from: number, to: number, parts: number): [string, string][] {
  if (!(to >= from)) return [];
  const lo = Math.floor(from);
  const span = Math.floor(to) - lo + 1;
  const step = Math.ceil(span / Math.max(1, Math.min(parts, span)));
  const out: [string, string][] = [];
  for (let a = lo; ; a += step) {
    const next = a + step;
    const lower = a === lo ? String(from) : String(a);
    if (next > to) {
      out.push([lower, String(to)]);
      return out;
    }
    out.push([lower, justBelow(next)]);
  }
}

/** The largest DynamoDB number (38 significant digits) below the integer `n`. */
export function justBelow(n: number): string {
  const digits = String(Math.abs(n)).length;
  const scale = 38 - digits;
  const scaled = BigInt(n) * 10n ** BigInt(scale) - 1n;
  const sign = scaled < 0n ? '-' : '';
  const text = (scaled < 0n ? -scaled : scaled).toString().padStart(scale + 1, '0');
  return `${sign}${text.slice(0, text.length - scale)}.${text.slice(text.length - scale)}`;
}

async function* flat<T>(pages: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const page of pages) yield* page;
}
