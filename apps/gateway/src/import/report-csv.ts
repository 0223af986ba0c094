import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

export const REPORT_CSV_COLUMNS = ['severity', 'code', 'entity', 'id', 'index', 'field', 'message'] as const;
export type ReportRow = Partial<Record<(typeof REPORT_CSV_COLUMNS)[number], string | number>>;

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is prefixed with an
 * apostrophe, so a crafted record id in a package cannot become a formula in the user's report.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Rows to RFC 4180 CSV with a header line (csv-stringify), streaming. */
export function toCsv(rows: AsyncIterable<ReportRow>): Readable {
  const csv = stringify({
    header: true, columns: [...REPORT_CSV_COLUMNS], record_delimiter: '\r\n', quoted_match: /[",\r\n]/,
    cast: { string: (value) => neutralizeFormula(value), number: (value) => String(value) },
  });
  Readable.from(rows).on('error', (e) => csv.destroy(e)).pipe(csv);
  return csv;
}
