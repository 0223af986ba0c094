import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppLogger, LOGGER } from '@housef3/platform';
import { ErrorBody, ErrorCode } from './api-error';

export const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED', 409: 'CONFLICT', 410: 'EXPORT_EXPIRED',
  413: 'PAYLOAD_TOO_LARGE', 429: 'RATE_LIMITED', 503: 'SERVICE_UNAVAILABLE',
};

/** True for a body that already has the API's shape (ours, or another module's that follows the convention). */
export function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return typeof b.code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(b.code) && typeof b.message === 'string'
    && (b.details === undefined || (typeof b.details === 'object' && b.details !== null));
}

/**
 * Maps any thrown value to the status and the one error body `{ code, message, details? }`.
 * Bodies already in that shape pass through unchanged. Nest's own exceptions keep their status
 * and their user-facing message (validation problems go to details.problems). Anything else is a
 * 500 INTERNAL whose message says nothing internal (no bucket, table or SDK text): it is logged.
 */
export function toErrorResponse(exception: unknown): { status: number; body: ErrorBody; internal: boolean } {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (isErrorBody(response)) return { status, body: response, internal: false };
    const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const problems = Array.isArray(raw) ? raw.map(String) : undefined;
    const route404 = status === 404 && typeof raw === 'string' && /^Cannot (GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) /.test(raw);
    const code: ErrorCode = route404 ? 'ROUTE_NOT_FOUND' : (CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED'));
    if (status >= 500) return { status, body: { code, message: code === 'SERVICE_UNAVAILABLE' && typeof raw === 'string' ? raw : 'an unexpected error occurred' }, internal: code === 'INTERNAL' };
    const message = problems ? (problems.length === 1 ? problems[0] : `the request is not valid: ${problems.join('; ')}`) : typeof raw === 'string' ? raw : exception.message;
    return { status, body: { code, message, ...(problems && { details: { problems } }) }, internal: false };
  }
  // body-parser's errors (malformed JSON, body too large) reach us as plain errors with a status
  const e = exception as { status?: unknown; type?: unknown } | undefined;
  if (e && e.type === 'entity.parse.failed') return { status: 400, body: { code: 'MALFORMED_JSON', message: 'the request body is not valid JSON' }, internal: false };
  if (e && e.type === 'entity.too.large') return { status: 413, body: { code: 'PAYLOAD_TOO_LARGE', message: 'the request body is too large' }, internal: false };
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { code: 'INTERNAL', message: 'an unexpected error occurred; please try again later' }, internal: true };
}

/** The gateway's global exception filter: one error body for every error. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: AppLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request & { id?: unknown }>();
    const { status, body, internal } = toErrorResponse(exception);
    if (internal) this.logger.error({ err: exception, reqId: req.id, method: req.method, url: req.originalUrl }, 'request failed');
    if (res.headersSent) return void res.end();
    res.status(status).json(body);
  }
}
