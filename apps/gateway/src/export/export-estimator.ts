import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { TableNames } from '@housef3/data-model';
import { ExportEstimate } from '@housef3/jobs';
import { CreateExportDto } from './create-export.dto';

const BYTES_PER_RECORD = 420;

/**
 * A quick estimate from the user's transaction-file records (HouseF3 keeps each file's size and
 * transaction count), without reading the transactions themselves. Also checks that every
 * requested account is the user's.
 */
export class ExportEstimator {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly tables: TableNames) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async estimate(userId: string, dto: CreateExportDto): Promise<{ estimate: ExportEstimate; unknownAccounts: string[] }> {
    const accounts = new Set<string>();
    for await (const page of paginateQuery({ client: this.doc }, {
      TableName: this.tables.accounts, IndexName: 'UserIdIndex', KeyConditionExpression: 'userId = :u',
      ExpressionAttributeValues: { ':u': userId }, ProjectionExpression: 'accountId',
    })) for (const item of page.Items ?? []) accounts.add(item.accountId as string);
    const unknownAccounts = (dto.accountIds ?? []).filter((id) => !accounts.has(id));
    if (dto.categoriesOnly) return { estimate: { records: 50, bytes: 50 * BYTES_PER_RECORD }, unknownAccounts };

    let records = accounts.size;
    let fileBytes = 0;
    for await (const page of paginateQuery({ client: this.doc }, {
      TableName: this.tables.transactionFiles, IndexName: 'UserIdIndex', KeyConditionExpression: 'userId = :u',
      ExpressionAttributeValues: { ':u': userId }, ProjectionExpression: 'accountId, fileSize, transactionCount, recordCount, dateRange',
    })) {
      for (const f of page.Items ?? []) {
        if (dto.accountIds && !dto.accountIds.includes(f.accountId as string)) continue;
        const range = f.dateRange as { startDate?: number; endDate?: number } | undefined;
        if (dto.dateRange && range?.startDate !== undefined && range.endDate !== undefined && (range.endDate < dto.dateRange.from || range.startDate > dto.dateRange.to)) continue;
        records += 1 + Number(f.transactionCount ?? f.recordCount ?? 0);
        fileBytes += Number(f.fileSize ?? 0);
      }
    }
    return { estimate: { records, bytes: fileBytes + records * BYTES_PER_RECORD }, unknownAccounts };
  }

  /** Rough wall time: start-up, records read, bytes packaged. */
  static completionAfterMs(estimate: ExportEstimate): number {
    return 5000 + Math.ceil(estimate.records / 5) + Math.ceil(estimate.bytes / 20_000);
  }
}
