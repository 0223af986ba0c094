import { HttpException, HttpStatus } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * The stable error codes of the API. Clients branch on `code`, never on `message`. Never rename
 * one; add new ones. Codes raised elsewhere (auth, rate limits) follow the same shape.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: 'the request body, query or path is not valid; details.problems lists why',
  MALFORMED_JSON: 'the request body is not valid JSON',
  INVALID_CURSOR: 'the pagination cursor is not one this API returned for this request',
  UNAUTHORIZED: 'no valid bearer token',
  FORBIDDEN: 'the token does not allow this',
  NOT_FOUND: 'no such job for you (another user\'s jobs are not found either)',
  ROUTE_NOT_FOUND: 'no such endpoint',
  METHOD_NOT_ALLOWED: 'the endpoint does not accept this method',
  CONFLICT: 'the job is not in a state that allows this',
  EXPORT_NOT_READY: 'the export is not completed yet',
  EXPORT_FAILED: 'the export failed; its status says why',
  EXPORT_EXPIRED: 'the export passed its retention and its package was deleted',
  UPLOAD_MISSING: 'the package has not been uploaded yet',
  UPLOAD_INCOMPLETE: 'a multipart upload lacks parts; details.missingParts lists them',
  NOT_MULTIPART: 'the import was not created as a multipart upload',
  PACKAGE_TOO_LARGE: 'the package is larger than the configured maximum',
  REPORT_NOT_AVAILABLE: 'the import has no validation report (yet)',
  PAYLOAD_TOO_LARGE: 'the request body is too large',
  PACKAGE_CHANGED: 'the uploaded package changed while the import was starting; start again',
  IMPORT_RUNNING: 'the import is running: cancel it first, then delete it',
  RATE_LIMITED: 'too many requests on this route; retry after the Retry-After header\'s seconds',
  TOO_MANY_ACTIVE_JOBS: 'the user has as many running jobs of this kind as allowed; retry when one ends',
  AUTH_UNAVAILABLE: 'tokens cannot be verified right now (the identity provider\'s keys are unavailable); retry shortly',
  QUEUE_UNAVAILABLE: 'the job could not be queued; retry later',
  SERVICE_UNAVAILABLE: 'a dependency is unavailable; retry later',
  INTERNAL: 'an unexpected error; the request id in the logs tells operators what happened',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The one error body of the API, whatever went wrong. */
export class ErrorBody {
  @ApiProperty({ description: 'stable machine-readable code', example: 'VALIDATION_FAILED', enum: Object.keys(ERROR_CODES) })
  code!: string;

  @ApiProperty({ description: 'for people: what went wrong and what to do', example: 'the request is not valid' })
  message!: string;

  @ApiPropertyOptional({
    description: 'structured context, e.g. `problems` (strings) for VALIDATION_FAILED, `missingParts` for UPLOAD_INCOMPLETE, `maxSize` for PACKAGE_TOO_LARGE',
    type: 'object', additionalProperties: true, example: { problems: ['limit must not be greater than 100'] },
  })
  details?: Record<string, unknown>;
}

/** An HttpException whose body is already `{ code, message, details? }`; the error filter passes it through. */
export class ApiError extends HttpException {
  constructor(status: HttpStatus, code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super({ code, message, ...(details !== undefined && { details }) } satisfies ErrorBody, status);
  }
}

export const badRequest = (message: string, problems: string[] = [message]) => new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', message, { problems });
export const invalidCursor = () => new ApiError(HttpStatus.BAD_REQUEST, 'INVALID_CURSOR', 'cursor is not valid: pass back the nextCursor of the previous page unchanged, with the same filters');
export const notFound = (what: 'export' | 'import') => new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `${what} not found`);
export const conflict = (message: string, code: ErrorCode = 'CONFLICT', details?: Record<string, unknown>) => new ApiError(HttpStatus.CONFLICT, code, message, details);
