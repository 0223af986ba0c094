import type { EntityName } from './entity-name';
import { entityIdLabel, rawEntityIdOf } from './entity-id';
import type { EntityRecordOf } from './entity-records';
import { ENTITY_SPECS } from './entity-specs';
import { FieldCursor, IssueCollector } from './field-cursor';
import { INVALID } from './field-kinds';
import { ObjectSpec, parseObject } from './object-spec';
import type { ValidateOptions, ValidationIssue } from './validation-issue';

/** The outcome of validating one record. */
export interface RecordValidation<E extends EntityName> {
  /** The validated record; absent when any issue is an error (warnings alone keep it). */
  record?: EntityRecordOf<E>;
  issues: ValidationIssue[];
}

/**
 * Validates one raw record of an entity file (a parsed JSON value whose numbers are JsonNumber)
 * and converts it: timestamps and counts to numbers, transactionHash to a bigint, decimals kept as
 * their exact strings, nested objects checked, cross-field rules applied, key order canonical.
 * Never throws on bad input: every problem is an issue with the field path, what was found and
 * what is allowed.
 */
export function validateRecord<E extends EntityName>(entity: E, raw: unknown, options: ValidateOptions = {}): RecordValidation<E> {
  const spec = ENTITY_SPECS[entity] as ObjectSpec<EntityRecordOf<E>>;
  const collector = new IssueCollector(entity, rawEntityIdOf(entity, raw), entityIdLabel(entity), options);
  const parsed = parseObject(spec, raw, new FieldCursor(collector, ''), collector.ignoreFields);
  const issues = collector.issues();
  return parsed === INVALID ? { issues } : { record: parsed, issues };
}
