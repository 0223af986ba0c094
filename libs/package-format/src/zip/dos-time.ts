/** MS-DOS date and time fields of a ZIP header (UTC, 2-second precision, years 1980-2107). */
export interface DosDateTime {
  readonly date: number;
  readonly time: number;
}

/**
 * Encodes an instant as DOS date/time, read in UTC so that the same instant gives the same bytes
 * on every machine (the writer's determinism depends on it). Out-of-range years are clamped.
 */
export function toDosDateTime(instant: Date): DosDateTime {
  const year = instant.getUTCFullYear();
  if (year < 1980) return { date: (0 << 9) | (1 << 5) | 1, time: 0 };
  if (year > 2107) return { date: (127 << 9) | (12 << 5) | 31, time: (23 << 11) | (59 << 5) | 29 };
  return {
    date: ((year - 1980) << 9) | ((instant.getUTCMonth() + 1) << 5) | instant.getUTCDate(),
    time: (instant.getUTCHours() << 11) | (instant.getUTCMinutes() << 5) | (instant.getUTCSeconds() >> 1),
  };
}
