/*
 * Money in the generator is a bigint number of minor units (cents, or yen for JPY): exact, no
 * float anywhere. Formatting gives the decimal strings HouseF3 stores.
 */

/** `-1230n` -> `"-12.30"`, `5n` -> `"0.05"` (two decimals, as bank statements print them); scale 0 -> `"-1230"`. */
export function formatMinor(units: bigint, scale = 2): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${whole}` : whole;
}

/** A decimal string with its sign flipped (`"12.30"` <-> `"-12.30"`), zero stays unsigned. */
export function negateDecimal(text: string): string {
  if (text.startsWith('-')) return text.slice(1);
  return /^[0.]+$/.test(text) ? text : `-${text}`;
}

/** A decimal string of minor units back to the units (`"-12.30"` -> -1230n); exact. */
export function parseMinor(text: string, scale = 2): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match || (match[3] ?? '').length > scale) throw new RangeError(`parseMinor: ${JSON.stringify(text)} is not a decimal with at most ${scale} decimals`);
  const units = BigInt(match[2] + (match[3] ?? '').padEnd(scale, '0'));
  return match[1] ? -units : units;
}
