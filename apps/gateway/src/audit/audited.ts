import { HttpException, SetMetadata } from '@nestjs/common';
import { AuditAction } from '@housef3/platform';
import type { Request } from 'express';
import { CODE_BY_STATUS } from '../http/error.filter';

export const AUDITED = Symbol('AUDITED');

/** The route is a user action of the audit trail: its outcome (success or refusal with its code) is recorded once. */
export const Audited = (action: AuditAction) => SetMetadata(AUDITED, action);


/** The stable code of an error answered to a client: the body's `code` when it has one, else one for its status. */
export function errorCodeOf(error: unknown): { code: string; status: number } {
  if (error instanceof HttpException) {
    const body = error.getResponse();
    const status = error.getStatus();
    const code = typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string' ? (body as { code: string }).code : CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
    return { code, status };
  }
  return { code: 'INTERNAL', status: 500 };
}

/** Who asked, as far as the request tells: the proxy-resolved address (trust proxy) and the user agent. */
export function sourceOf(request: Request): { sourceIp?: string; userAgent?: string } {
  const agent = request.headers['user-agent'];
  return { sourceIp: request.ip, userAgent: typeof agent === 'string' ? agent : undefined };
}
