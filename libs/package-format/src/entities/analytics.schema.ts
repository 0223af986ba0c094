import { userId } from './common-fields';
import { ANALYTIC_TYPES, AnalyticType } from './enums';
import { enumOf, epochSeconds, isoDate, isoDateTime, timePeriod, uuid } from './field-kinds';
import { PackageJsonObject, jsonObject } from './json-value';
import { ObjectSpec, optional, required } from './object-spec';

/**
 * A computed analytics item (HouseF3 `analytics-data` table). The table's pk
 * (`{userId}#{analyticType}`) and sk (`{timePeriod}#{accountId or ALL}`) are not part of the
 * record: import derives them for the restoring user.
 */
export interface AnalyticsRecord {
  /** Source owner as found in the package, if any; import always replaces it. */
  userId?: string;
  analyticType: AnalyticType;
  /** overall, 2024, 2024-12, 2024-Q4, 2024-W05 or 2024-12-31. */
  timePeriod: string;
  /** Absent for cross-account analytics ("ALL"). */
  accountId?: string;
  /** Free map, kept losslessly: numbers stay JsonNumber. */
  data: PackageJsonObject;
  /** ISO date-time (Python isoformat). */
  computedDate: string;
  /** ISO date; HouseF3's model allows it to be absent. */
  dataThroughDate?: string;
  /** DynamoDB TTL, epoch seconds. */
  ttl?: number;
}

export const ANALYTICS_SPEC: ObjectSpec<AnalyticsRecord> = {
  typeName: 'AnalyticsRecord',
  fields: {
    userId: optional(userId()),
    analyticType: required(enumOf(ANALYTIC_TYPES)),
    timePeriod: required(timePeriod()),
    accountId: optional(uuid()),
    data: required(jsonObject()),
    computedDate: required(isoDateTime()),
    dataThroughDate: optional(isoDate()),
    ttl: optional(epochSeconds()),
  },
};
