// Test support: read back the statements the generator writes (CSV per RFC 4180, OFX lines).

/** RFC 4180 rows (quoted fields, doubled quotes, separators, tabs and line breaks inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  return rows;
}

export interface OfxLine {
  type: string;
  posted: string;
  amount: string;
  fitId: string;
  name: string;
  memo?: string;
  checkNumber?: string;
}

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The <STMTTRN> lines of an OFX statement, in order. */
export function parseOfx(text: string): OfxLine[] {
  return [...text.matchAll(/<STMTTRN>(.*?)<\/STMTTRN>/g)].map(([, body]) => {
    const tag = (name: string) => {
      const match = new RegExp(`<${name}>(.*?)</${name}>`).exec(body);
      return match ? unescape(match[1]) : undefined;
    };
    return {
      type: tag('TRNTYPE') as string, posted: tag('DTPOSTED') as string, amount: tag('TRNAMT') as string, fitId: tag('FITID') as string,
      name: tag('NAME') as string, memo: tag('MEMO'), checkNumber: tag('CHECKNUM'),
    };
  });
}
