/*
 * Edge values the builders and arbitraries draw from, so every test suite meets the same traps.
 */

/** Amounts that break naive code: zero forms, exponent forms, > 2^53 cents, more than 28 digits. */
export const EDGE_AMOUNTS: readonly string[] = Object.freeze([
  '0',
  '-0',
  '-0.00',
  '0.00',
  '1234567890.12',
  '-87.28',
  '100.00',
  '-1200.10',
  '0.000001',
  '0.0000001',
  '1E+3',
  '-1.5E-7',
  '90071992547409.93',
  '12345678901234567890123456789.5',
]);

/** Texts with tabs, quotes, combining marks, astral emoji, CJK and right-to-left script. */
export const EDGE_TEXTS: readonly string[] = Object.freeze([
  'SAINSBURYS.CO.UK \tON 05 JUN BCC',
  'Café ☕ & "quotes" \\ back/slash',
  '東京ラーメン 🍜',
  'שלום עולם',
  'e\u0301te\u0301 (combining)',
  '👨‍👩‍👧 family',
  'line\nbreak',
]);

/** transactionHash values at the edges of precision and range. */
export const EDGE_TRANSACTION_HASHES: readonly bigint[] = Object.freeze([
  0n,
  (1n << 53n) + 1n,
  (1n << 63n) - 1n,
  1n << 63n,
  (1n << 63n) + 1n,
  (1n << 64n) - 1n,
]);

/**
 * Real transactions whose *computed* hash sits at an edge (found by search): with accountId
 * EDGE_ACCOUNT_ID, date EDGE_DATE and amount EDGE_AMOUNT, each description hashes to `hash`.
 */
export const EDGE_ACCOUNT_ID = 'edededed-0000-4000-8000-ee0000000001';
export const EDGE_DATE = 1_717_632_000_000;
export const EDGE_AMOUNT = '-87.28';
export const EDGE_HASH_TRANSACTIONS: readonly { readonly description: string; readonly hash: bigint }[] = Object.freeze([
  { description: 'EDGE HASH 178', hash: 6737960439960369n }, // below 2^53
  { description: 'EDGE HASH 934741', hash: 9223355585323986670n }, // just below 2^63
  { description: 'EDGE HASH 1075104', hash: 9223375658215752791n }, // just above 2^63
  { description: 'EDGE HASH 6620594', hash: 18446742460053856165n }, // within 2^42 of 2^64
]);

/** HouseF3's real-world vector (description contains a TAB). */
export const REAL_WORLD_HASH_VECTOR = Object.freeze({
  accountId: '4fdbd757-53b4-4a58-a2d4-551c2419149a',
  date: 1_717_632_000_000,
  amount: '-87.28',
  description: 'SAINSBURYS.CO.UK \tON 05 JUN BCC',
  hash: 10275845125054951334n,
});
