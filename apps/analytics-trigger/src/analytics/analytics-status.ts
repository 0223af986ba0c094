/**
 * HouseF3's analytics-status records (table `analytics-status`), as its own code writes them:
 * pk = userId, sk = `{analyticType}#{accountId or ALL}`, computationNeeded a binary flag
 * (0x01/0x00, the hash key of its ComputationNeededIndex), processingPriority, status,
 * lastUpdated (Python isoformat of a UTC time), lastComputedDate (ISO date) when computed.
 * HouseF3's analytics processor picks up every record whose computationNeeded is 0x01.
 * Pure: no AWS, Nest or Kafka here.
 */

/** HouseF3's AnalyticType, every value, in its declaration order. */
export const ANALYTIC_TYPES = [
  'cash_flow', 'category_trends', 'budget_performance', 'financial_health', 'credit_utilization',
  'payment_patterns', 'account_efficiency', 'merchant_analysis', 'goal_progress', 'recommendations',
] as const;
export type AnalyticType = (typeof ANALYTIC_TYPES)[number];

/** HouseF3's consumer gives bulk data changes (a processed file, deleted transactions) priority 2; a restore is one. */
export const RESTORE_PRIORITY = 2;

/** The scope of a record: one account, or all of the user's accounts. */
export const ALL_ACCOUNTS = 'ALL';

export interface AnalyticsStatusRecord {
  readonly pk: string;
  readonly sk: string;
  readonly userId: string;
  readonly accountId?: string;
  readonly analyticType: AnalyticType;
  readonly computationNeeded: boolean;
  readonly processingPriority: number;
  readonly status: 'pending' | 'completed';
  readonly lastUpdated: string;
  readonly lastComputedDate?: string;
}

/** What an import.completed event says, as far as analytics are concerned. */
export interface RestoreFacts {
  readonly userId: string;
  /** import.completed's completedAt */
  readonly completedAt: Date;
  /** the package's analytics were restored: they are current, nothing to compute */
  readonly analyticsRestored: boolean;
  /** the import asks for analytics to be computed */
  readonly regenerateAnalytics: boolean;
}

/** What to do for a completed import: mark analytics for computation, record restored ones as computed, or nothing. */
export type AnalyticsMark = 'compute' | 'restored' | 'none';

export function markFor(facts: RestoreFacts): AnalyticsMark {
  if (facts.regenerateAnalytics) return 'compute';
  return facts.analyticsRestored ? 'restored' : 'none';
}

/**
 * Python's `datetime.isoformat()` of a UTC time, which HouseF3 stores as lastUpdated:
 * `2026-03-14T09:26:53.589000+00:00`, the fraction left out when it is zero.
 */
export function pythonIsoFormat(time: Date): string {
  const iso = time.toISOString(); // 2026-03-14T09:26:53.589Z
  const ms = time.getUTCMilliseconds();
  const seconds = iso.slice(0, 19);
  return ms === 0 ? `${seconds}+00:00` : `${seconds}.${String(ms * 1000).padStart(6, '0')}+00:00`;
}

/**
 * The records for one scope (ALL when accountId is undefined), one per analytic type. Every
 * record carries the event's time, so writing them twice writes the same thing.
 */
export function statusRecords(facts: RestoreFacts, mark: Exclude<AnalyticsMark, 'none'>, accountId?: string): AnalyticsStatusRecord[] {
  const lastUpdated = pythonIsoFormat(facts.completedAt);
  return ANALYTIC_TYPES.map((analyticType) => ({
    pk: facts.userId,
    sk: `${analyticType}#${accountId ?? ALL_ACCOUNTS}`,
    userId: facts.userId,
    ...(accountId === undefined ? {} : { accountId }),
    analyticType,
    computationNeeded: mark === 'compute',
    processingPriority: RESTORE_PRIORITY,
    status: mark === 'compute' ? 'pending' : 'completed',
    lastUpdated,
    ...(mark === 'restored' ? { lastComputedDate: facts.completedAt.toISOString().slice(0, 10) } : {}),
  }));
}
