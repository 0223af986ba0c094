import type { EntityName } from '@housef3/package-format';

/** The most ids validation passes to one `ExistingRecords.owners` call (DynamoDB BatchGetItem's cap). */
export const OWNER_LOOKUP_BATCH_SIZE = 100;

/**
 * The port validation asks "which of these ids exist already, and whose are they?". The import
 * service implements it over the entity tables (saga/existing-records.dynamo.ts); unit tests use
 * an in-memory map.
 *
 * Analytics ids are `${analyticType}#${timePeriod}#${accountId ?? 'ALL'}` looked up under the
 * importing user's partition key: they can never belong to another user, so validation counts
 * any analytics id present in the map as the importing user's own, whatever owner it carries.
 */
export interface ExistingRecords {
  /** For each id that exists in the target tables: its owner's userId. Ids not in the map do not exist. Called with batches of <= 100 ids. */
  owners(entity: EntityName, ids: readonly string[]): Promise<Map<string, string>>;
}
