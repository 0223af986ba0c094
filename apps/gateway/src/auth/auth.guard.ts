import { CanActivate, ExecutionContext, Inject, Injectable, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppLogger, AuditLog, Clock, IS_PUBLIC, LOGGER, SECURITY_METRICS, SecurityMetrics, UNAUTHENTICATED_USER } from '@housef3/platform';
import { sourceOf } from '../audit/audited';
import type { Request } from 'express';
import { AuthError, JwtVerifier } from './jwt-verifier';
import { KeysUnavailableError } from './jwks-key-store';

export interface AuthenticatedRequest extends Request {
  userId: string;
}

/**
 * Every route needs `Authorization: Bearer <jwt>` unless marked @Public(). A refused token is a
 * 401; when the identity provider's keys cannot be had at all the answer is 503 (retry later),
 * never a 401 that would make clients drop a good token.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(JwtVerifier) private readonly verifier: JwtVerifier,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(SECURITY_METRICS) private readonly metrics: SecurityMetrics,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: AppLogger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer ([A-Za-z0-9\-_.]+)$/.exec(request.headers.authorization ?? '');
    if (!match) throw await this.refused(request, 'missing', new UnauthorizedException({ code: 'UNAUTHORIZED', message: 'missing bearer token' }));
    try {
      request.userId = (await this.verifier.verify(match[1])).userId;
      return true;
    } catch (e) {
      if (e instanceof AuthError) throw await this.refused(request, 'invalid', new UnauthorizedException({ code: 'UNAUTHORIZED', message: e.message }));
      if (e instanceof KeysUnavailableError) {
        const unavailable = new ServiceUnavailableException({ code: 'AUTH_UNAVAILABLE', message: 'tokens cannot be verified right now; please retry shortly' });
        throw await this.refused(request, 'keys_unavailable', unavailable);
      }
      throw e;
    }
  }

  /** Counted and audited (under no user: a refused token names nobody we can trust). */
  private async refused<E extends Error>(request: Request, reason: 'missing' | 'invalid' | 'keys_unavailable', error: E): Promise<E> {
    this.metrics.authFailures.inc({ reason });
    const code = reason === 'keys_unavailable' ? 'AUTH_UNAVAILABLE' : 'UNAUTHORIZED';
    await this.audit.record({ userId: UNAUTHENTICATED_USER, action: 'auth.failed', outcome: 'refused', code, origin: `${request.method} ${request.path}`, ...sourceOf(request) }, this.clock.now())
      .catch((e) => this.logger.error({ err: e }, 'audit record could not be written'));
    return error;
  }
}
