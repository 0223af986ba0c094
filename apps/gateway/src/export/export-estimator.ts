import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TableNames } from '@housef3/data-model';
import { estimatedDurationMs, estimateExport, ExportEstimate } from '@housef3/jobs';
import { CreateExportDto } from './create-export.dto';
import { UserDataCounter } from './user-data-counter';

/**
 * The estimate a new export's job keeps (for honest progress) and promises when it is accepted:
 * the same count and model as POST /export/estimate (UserDataCounter, estimateExport), so the
 * size shown before creating is the size promised after. Also checks that every requested
 * account is the user's.
 */
export class ExportEstimator {
  private readonly counter: UserDataCounter;

  constructor(client: DynamoDBClient, tables: TableNames) {
    this.counter = new UserDataCounter(client, tables);
  }

  async estimate(userId: string, dto: CreateExportDto): Promise<{ estimate: ExportEstimate; unknownAccounts: string[] }> {
    const found = await this.counter.count(userId, dto);
    return { estimate: estimateExport(found), unknownAccounts: found.unknownAccounts };
  }

  /** Rough wall time: start-up, records read, bytes packaged. */
  static completionAfterMs(estimate: ExportEstimate): number {
    return estimatedDurationMs(estimate);
  }
}
