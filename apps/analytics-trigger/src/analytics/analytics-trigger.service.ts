import { Inject, Injectable } from '@nestjs/common';
import { MessageOf } from '@housef3/contracts';
import { AppLogger, LOGGER } from '@housef3/platform';
import { AnalyticsStatusRecord, markFor, RestoreFacts, statusRecords } from './analytics-status';
import { AnalyticsStatusStore } from './analytics-status.store';
import { UserAccountsReader } from './user-accounts.reader';

export interface TriggerOutcome {
  readonly mark: ReturnType<typeof markFor>;
  readonly written: number;
  readonly unchanged: number;
}

/**
 * After an import completed: marks every analytic type of the user as needing computation, for
 * ALL and for each of the user's accounts, the way HouseF3's analytics consumer does for its own
 * events (or, when the package's analytics were restored, records them as computed). Idempotent:
 * a redelivered event writes nothing.
 */
@Injectable()
export class AnalyticsTriggerService {
  constructor(
    @Inject(AnalyticsStatusStore) private readonly store: AnalyticsStatusStore,
    @Inject(UserAccountsReader) private readonly accounts: UserAccountsReader,
    @Inject(LOGGER) private readonly logger: AppLogger,
  ) {}

  async importCompleted(message: MessageOf<'import.completed'>): Promise<TriggerOutcome> {
    const facts: RestoreFacts = {
      userId: message.userId,
      completedAt: new Date(message.payload.completedAt),
      analyticsRestored: message.payload.analyticsRestored,
      regenerateAnalytics: message.payload.regenerateAnalytics,
    };
    const mark = markFor(facts);
    let written = 0;
    let unchanged = 0;
    const put = async (records: AnalyticsStatusRecord[]) => {
      const results = await Promise.all(records.map((r) => this.store.putIfNewer(r)));
      written += results.filter(Boolean).length;
      unchanged += results.filter((r) => !r).length;
    };
    if (mark !== 'none') {
      await put(statusRecords(facts, mark));
      for await (const page of this.accounts.accountIdPages(facts.userId)) {
        for (const accountId of page) await put(statusRecords(facts, mark, accountId));
      }
    }
    this.logger.info({ jobId: message.correlationId, userId: facts.userId, mark, written, unchanged }, 'analytics status recorded after import');
    return { mark, written, unchanged };
  }
}
