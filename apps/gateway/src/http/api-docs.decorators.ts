import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorBody } from './api-error';

const DESCRIPTIONS: Record<number, string> = {
  400: 'VALIDATION_FAILED (details.problems), MALFORMED_JSON or INVALID_CURSOR: nothing was changed',
  401: 'UNAUTHORIZED: no valid bearer token',
  404: 'NOT_FOUND: no such job of yours',
  409: 'the job is not in a state that allows this (see code)',
  410: 'EXPORT_EXPIRED: the package was deleted',
  413: 'PACKAGE_TOO_LARGE: over the configured maximum (details.maxSize)',
  429: 'RATE_LIMITED (too many requests on this route; the Retry-After header says when to retry) or TOO_MANY_ACTIVE_JOBS (as many running jobs as allowed; details.retryAfterSeconds)',
  500: 'INTERNAL: nothing internal is said; the X-Request-Id header identifies the request in the logs',
  503: 'QUEUE_UNAVAILABLE, SERVICE_UNAVAILABLE or AUTH_UNAVAILABLE (tokens cannot be verified right now): retry later',
};

/** Error responses of an operation, each with the one error body. */
export const ApiErrors = (...statuses: number[]) =>
  applyDecorators(
    ApiExtraModels(ErrorBody),
    // always JSON, also for operations that produce something else on success (the CSV report)
    ...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'error', content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBody) } } } })),
  );

/** What every authenticated controller answers: bearer auth, 401, 500, 503 (keys unavailable). */
export const ApiAuthenticated = () => applyDecorators(ApiBearerAuth('bearer'), ApiErrors(401, 500, 503));
