import { negateDecimal, formatMinor } from './money';
import { FilePlan, LARGE_FILE_BYTES, SeedPlan, StatementRow } from './seed-model';
import { randomFor } from './seeded-random';
import { isoDay, statementRows } from './statement-rows';

/** Characters gathered before a chunk is emitted (~32 KiB of text). */
const CHUNK_CHARS = 32 * 1024;
const PDF_CHUNK_BYTES = 64 * 1024;

/** Content type HouseF3's upload sets for each format. */
export const CONTENT_TYPES = { csv: 'text/csv', ofx: 'application/x-ofx', pdf: 'application/pdf' } as const;

/** The CSV header; the account's file map maps these columns (records.ts). */
export const CSV_COLUMNS = ['Date', 'Description', 'Amount', 'Balance', 'Type', 'Memo', 'Check Number'] as const;

/**
 * The bytes of a file, as a lazy sequence of chunks (memory stays constant whatever the size):
 * a CSV or OFX statement whose lines are exactly the file's transactions, nothing for the
 * awkward empty file, 20 MiB of PDF-framed random bytes for the awkward large file.
 * `observe` sees every statement line as it is written.
 */
export function* statementChunks(plan: SeedPlan, file: FilePlan, observe?: (row: StatementRow) => void): Generator<Buffer> {
  if (file.kind === 'empty') return;
  if (file.kind === 'large') {
    yield* pdfChunks(plan);
    return;
  }
  const format = file.format === 'ofx' ? ofxFormat : csvFormat;
  let parts: string[] = [format.header(file)];
  let length = parts[0].length;
  let closingBalance = formatMinor(file.openingMinor);
  for (const row of statementRows(plan, file)) {
    observe?.(row);
    closingBalance = row.balance;
    const line = format.line(file, row);
    parts.push(line);
    length += line.length;
    if (length >= CHUNK_CHARS) {
      yield Buffer.from(parts.join(''), 'utf8');
      parts = [];
      length = 0;
    }
  }
  parts.push(format.footer(file, closingBalance));
  yield Buffer.from(parts.join(''), 'utf8');
}

interface StatementFormat {
  header(file: FilePlan): string;
  line(file: FilePlan, row: StatementRow): string;
  footer(file: FilePlan, closingBalance: string): string;
}

const csvFormat: StatementFormat = {
  header: () => `${CSV_COLUMNS.join(',')}\n`,
  line(file, row) {
    const amount = file.account.template.reverseAmounts ? negateDecimal(row.amount) : row.amount;
    return `${[isoDay(row.date), row.description, amount, row.balance, row.transactionType, row.memo ?? '', row.checkNumber ?? ''].map(csvField).join(',')}\n`;
  },
  footer: () => '',
};

/** RFC 4180: quote fields with separators, quotes, line breaks, tabs or edge spaces; double the quotes. */
export function csvField(text: string): string {
  return /[",\r\n\t]|^ | $/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const OFX_ACCOUNT_TYPES: Record<string, string> = { checking: 'CHECKING', savings: 'SAVINGS', credit_card: 'CREDITLINE' };

const ofxFormat: StatementFormat = {
  header(file) {
    const start = ofxDate(file.firstDay);
    const end = ofxDate(file.firstDay + (file.days - 1) * 86_400_000);
    return [
      'OFXHEADER:100', 'DATA:OFXSGML', 'VERSION:102', 'SECURITY:NONE', 'ENCODING:UTF-8', 'CHARSET:NONE', 'COMPRESSION:NONE', 'OLDFILEUID:NONE', 'NEWFILEUID:NONE', '',
      '<OFX>',
      `<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS><DTSERVER>${ofxDate(file.uploadDate)}</DTSERVER><LANGUAGE>ENG</LANGUAGE></SONRS></SIGNONMSGSRSV1>`,
      `<BANKMSGSRSV1><STMTTRNRS><TRNUID>${file.index + 1}</TRNUID><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>`,
      `<STMTRS><CURDEF>${file.currency ?? 'USD'}</CURDEF>`,
      `<BANKACCTFROM><BANKID>EXAMPLE01</BANKID><ACCTID>${file.account.accountId.slice(-12).toUpperCase()}</ACCTID><ACCTTYPE>${OFX_ACCOUNT_TYPES[file.account.template.accountType] ?? 'CHECKING'}</ACCTTYPE></BANKACCTFROM>`,
      `<BANKTRANLIST><DTSTART>${start}</DTSTART><DTEND>${end}</DTEND>`,
      '',
    ].join('\n');
  },
  line(_file, row) {
    const optional = (tag: string, value: string | undefined) => (value === undefined ? '' : `<${tag}>${xmlText(value)}</${tag}>`);
    return (
      `<STMTTRN><TRNTYPE>${row.transactionType}</TRNTYPE><DTPOSTED>${ofxDate(row.date)}</DTPOSTED><TRNAMT>${row.amount}</TRNAMT>` +
      `<FITID>${row.fitId ?? ''}</FITID>${optional('CHECKNUM', row.checkNumber)}<NAME>${xmlText(row.description)}</NAME>${optional('MEMO', row.memo)}</STMTTRN>\n`
    );
  },
  footer(file, closingBalance) {
    const end = ofxDate(file.firstDay + (file.days - 1) * 86_400_000);
    return `</BANKTRANLIST>\n<LEDGERBAL><BALAMT>${closingBalance}</BALAMT><DTASOF>${end}</DTASOF></LEDGERBAL>\n</STMTRS></STMTTRNRS></BANKMSGSRSV1>\n</OFX>\n`;
  },
};

function ofxDate(epochMs: number): string {
  return isoDay(epochMs).replace(/-/g, '');
}

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const PDF_HEADER = Buffer.from('%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n', 'latin1');
const PDF_TRAILER = Buffer.from('\n%%EOF\n', 'latin1');

/** A 20 MiB "scanned statement": PDF header and trailer around incompressible deterministic bytes. */
function* pdfChunks(plan: SeedPlan): Generator<Buffer> {
  const random = randomFor(plan.keys.content, 'large-file');
  yield PDF_HEADER;
  let remaining = LARGE_FILE_BYTES - PDF_HEADER.length - PDF_TRAILER.length;
  while (remaining > 0) {
    const size = Math.min(PDF_CHUNK_BYTES, remaining);
    yield Buffer.from(random.fill(new Uint8Array(size)).buffer);
    remaining -= size;
  }
  yield PDF_TRAILER;
}
