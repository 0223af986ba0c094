import { neutralizeFormula, ReportRow, toCsv } from './report-csv';

async function text(rows: ReportRow[]): Promise<string> {
  async function* gen() {
    yield* rows;
  }
  let out = '';
  for await (const chunk of toCsv(gen())) out += chunk;
  return out;
}

describe('the CSV report', () => {
  it('has a header and one CRLF row per issue, quoting commas, quotes and newlines', async () => {
    const csv = await text([
      { severity: 'error', code: 'CONFLICT', entity: 'accounts', id: 'a1', index: 0, field: '', message: 'exists, already' },
      { severity: 'warning', code: 'UNKNOWN_RULE', entity: 'transactions', id: 't"1', index: 12, field: 'categories[0].ruleId', message: 'line\nbreak' },
    ]);
    expect(csv).toBe(
      'severity,code,entity,id,index,field,message\r\n' +
        'error,CONFLICT,accounts,a1,0,,"exists, already"\r\n' +
        'warning,UNKNOWN_RULE,transactions,"t""1",12,categories[0].ruleId,"line\nbreak"\r\n',
    );
  });

  it('never lets a cell become a spreadsheet formula', async () => {
    expect(neutralizeFormula('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(neutralizeFormula('-1+2')).toBe("'-1+2");
    expect(neutralizeFormula('ok')).toBe('ok');
    expect(await text([{ severity: 'error', code: 'X', entity: 'accounts', id: '@SUM(A1)', index: '', field: '', message: 'm' }])).toContain(",'@SUM(A1),");
  });
});
