import { digestOf } from './seeded-random';

/**
 * A deterministic lower-case UUID version 4 for a key path (the package schema accepts v4 only):
 * 122 bits of SHA-256, version and variant bits set as RFC 9562 requires.
 */
export function seedUuid(...path: readonly (string | number)[]): string {
  const bytes = digestOf('uuid', ...path).subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A deterministic HouseF3 rule ID: `rule_` + 8 lower-case hex digits. */
export function seedRuleId(...path: readonly (string | number)[]): string {
  return `rule_${digestOf('rule', ...path).toString('hex').slice(0, 8)}`;
}
