/**
 * What a user may see of a job's error. Jobs record the code and message where the failure was
 * born, and those can carry what is ours alone: bucket and table names, object keys, endpoints,
 * SDK exception names and messages. A user sees a stable UPPER_SNAKE code and a message with
 * none of that; anything else becomes INTERNAL_ERROR with a generic message (the full error is
 * in the service's log, under the job id).
 */
export interface PublicError {
  code: string;
  message: string;
}

export const INTERNAL_ERROR: PublicError = { code: 'INTERNAL_ERROR', message: 'the job stopped on an internal error; please try again, and contact support if it persists' };

/** Our codes are UPPER_SNAKE; SDK and Node errors are CamelCase (NoSuchKey, AccessDenied, ResourceNotFoundException) or E-codes. */
const OUR_CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const SYSTEM_CODE = /^E[A-Z]+$/;
/** Words that only appear in messages that are not ours to show. */
const INTERNAL_WORDS = /arn:aws|amazonaws\.com|https?:\/\/|\$metadata|\bRequestId\b|Exception\b|\bbucket\b|\btable\b|\bDynamoDB\b|\bS3\b|\bKafka\b|\bECONN[A-Z]+\b|\bENOTFOUND\b|\bETIMEDOUT\b|\bat [\w.<>]+ \(|\bundefined\b|\bnull\b/i;
/** Object keys of ours: shown as what they are to the user. */
const OBJECT_KEY = /\b(imports|exports|staging|packages)\/[^\s,;:)'"]+/g;

/**
 * `hidden`: the deployment's own names (bucket names, table names, table prefix): a message
 * that mentions any is not shown.
 */
export function publicJobError(code: string | undefined, message: string | undefined, hidden: readonly string[] = []): PublicError | undefined {
  if (code === undefined && message === undefined) return undefined;
  if (!code || !OUR_CODE.test(code) || SYSTEM_CODE.test(code)) return INTERNAL_ERROR;
  const text = (message ?? '').trim();
  if (!text || INTERNAL_WORDS.test(text) || hidden.some((h) => h.length >= 3 && text.includes(h))) return { code, message: genericMessage(code) };
  return { code, message: text.replace(OBJECT_KEY, (_m, kind: string) => (kind === 'imports' ? 'the uploaded package' : 'the package')).slice(0, 2000) };
}

function genericMessage(code: string): string {
  return `the job failed (${code}); please try again, and contact support if it persists`;
}
