import { DecodeResult, decodeMessage } from './decode';

/**
 * The tolerant reader of public events: a consumer outside the import/export saga reads only the
 * fields it needs. Fields this version of the contracts does not know (added by a newer producer
 * within the same message version) are ignored, not refused; the fields it knows are still
 * validated, so a malformed message is still dead-lettered with a precise reason.
 */
export function decodeTolerantly(raw: Buffer | string | null | undefined): DecodeResult {
  return decodeMessage(raw, 'tolerant');
}
