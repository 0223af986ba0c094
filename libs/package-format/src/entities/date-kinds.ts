import { INVALID, Kind, found } from './kind';
import { patterned } from './text-kinds';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,6})?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/;

function isCalendarDate(year: string, month: string, day: string): boolean {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const daysInMonth = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= daysInMonth[m - 1];
}

/** An ISO 8601 calendar date as Python's date.isoformat() writes it: "2024-12-31". */
export function isoDate(): Kind<string> {
  const allowed = 'an ISO date like "2024-12-31"';
  return {
    allowed,
    parse(value, at) {
      const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
      if (!match || !isCalendarDate(match[1], match[2], match[3])) {
        at.error(typeof value === 'string' ? 'bad_format' : 'wrong_type', found(value, allowed));
        return INVALID;
      }
      return value as string;
    },
  };
}

/** An ISO 8601 date-time as Python's datetime.isoformat() writes it: "2024-12-31T23:59:59.123456+00:00". */
export function isoDateTime(): Kind<string> {
  const allowed = 'an ISO date-time like "2024-12-31T23:59:59.123456+00:00" (fraction and offset optional, "Z" allowed)';
  return {
    allowed,
    parse(value, at) {
      const match = typeof value === 'string' ? ISO_DATE_TIME.exec(value) : null;
      if (!match || !isCalendarDate(match[1], match[2], match[3])) {
        at.error(typeof value === 'string' ? 'bad_format' : 'wrong_type', found(value, allowed));
        return INVALID;
      }
      return value as string;
    },
  };
}

const TIME_PERIOD = /^(overall|\d{4}|\d{4}-(0[1-9]|1[0-2])|\d{4}-Q[1-4]|\d{4}-W(0[1-9]|[1-4]\d|5[0-3])|\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))$/;

/** An analytics time period: overall, 2024, 2024-12, 2024-Q4, 2024-W05 or 2024-12-31. */
export function timePeriod(): Kind<string> {
  return patterned(TIME_PERIOD, '"overall" or a period like "2024", "2024-12", "2024-Q4", "2024-W05" or "2024-12-31"');
}
