import { decodeReportCursor, encodeReportCursor } from './report-cursor';

describe('report cursors', () => {
  it('round-trip', () => {
    expect(decodeReportCursor(encodeReportCursor({ offset: 123456, line: 789 }))).toEqual({ offset: 123456, line: 789 });
  });

  it('refuse what they did not make: null, other JSON, negatives, fractions, garbage', () => {
    const b64 = (json: string) => Buffer.from(json).toString('base64url');
    for (const text of [b64('null'), b64('[]'), b64('"x"'), b64('{"o":-1,"n":0}'), b64('{"o":1.5,"n":0}'), b64('{"o":1}'), 'not base64!', '', 'x'.repeat(201)]) {
      expect(decodeReportCursor(text)).toBeUndefined();
    }
  });
});
