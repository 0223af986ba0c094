/** Where the next page of a report starts: the byte offset of its first line and that line's number. */
export interface ReportCursor {
  offset: number;
  line: number;
}

export function encodeReportCursor(cursor: ReportCursor): string {
  return Buffer.from(JSON.stringify({ o: cursor.offset, n: cursor.line })).toString('base64url');
}

/** The cursor, or undefined when the text is not one encodeReportCursor made. */
export function decodeReportCursor(text: string): ReportCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const { o, n } = parsed as { o?: unknown; n?: unknown };
  if (!Number.isSafeInteger(o) || !Number.isSafeInteger(n) || (o as number) < 0 || (n as number) < 0) return undefined;
  return { offset: o as number, line: n as number };
}
