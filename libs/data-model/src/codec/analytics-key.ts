/** The analytics-data partition key: `${userId}#${analyticType}`. */
export function analyticsPartitionKey(userId: string, analyticType: string): string {
  return `${userId}#${analyticType}`;
}

/** The analytics-data sort key: `${timePeriod}#${accountId ?? 'ALL'}` (no accountId: across all accounts). */
export function analyticsSortKey(timePeriod: string, accountId?: string): string {
  return `${timePeriod}#${accountId ?? 'ALL'}`;
}
