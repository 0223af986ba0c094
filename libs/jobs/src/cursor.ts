/**
 * Pagination cursors: DynamoDB's LastEvaluatedKey, base64url-encoded and bound to the user who
 * asked, so a cursor can neither be forged for another user's index nor reused by them.
 */
export class InvalidCursorError extends Error {}

export function encodeCursor(key: Record<string, unknown>, userId: string): string {
  return Buffer.from(JSON.stringify({ u: userId, k: key })).toString('base64url');
}

export function decodeCursor(cursor: string, userId: string): Record<string, unknown> {
  let parsed: { u?: unknown; k?: unknown } | null;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('cursor is not valid');
  }
  // `null`, a number, a string, an array: well-formed JSON that is no cursor of ours
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidCursorError('cursor is not valid');
  if (parsed.u !== userId || typeof parsed.k !== 'object' || parsed.k === null || (parsed.k as { userId?: unknown }).userId !== userId) {
    throw new InvalidCursorError('cursor is not valid');
  }
  return parsed.k as Record<string, unknown>;
}
