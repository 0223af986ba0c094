import type { AttributeValue, Item } from './attribute-value';

/** DynamoDB's largest item, names and values together (400 KB). */
export const MAX_ITEM_BYTES = 400 * 1024;

/**
 * The size DynamoDB counts for an item, by its published rules: each attribute name's UTF-8
 * bytes plus its value's size: strings their UTF-8 bytes; numbers about one byte per two
 * significant digits plus one (at most 21); booleans and nulls one byte; lists and maps three
 * bytes plus one per element plus their elements (map keys included). Never below what
 * DynamoDB counts for the values the codec writes, so an item under MAX_ITEM_BYTES here is
 * written without "Item size has exceeded the maximum allowed size".
 */
export function itemSizeBytes(item: Item): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += Buffer.byteLength(name, 'utf8') + valueSize(value);
  return size;
}

function valueSize(value: AttributeValue): number {
  if ('S' in value) return Buffer.byteLength(value.S, 'utf8');
  if ('N' in value) {
    const digits = value.N.replace(/^-/, '').replace(/[eE].*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;
    return Math.min(21, Math.ceil(Math.max(digits, 1) / 2) + 1);
  }
  if ('BOOL' in value || 'NULL' in value) return 1;
  if ('L' in value) return value.L.reduce((sum, v) => sum + 1 + valueSize(v), 3);
  return Object.entries(value.M).reduce((sum, [k, v]) => sum + 1 + Buffer.byteLength(k, 'utf8') + valueSize(v), 3);
}
