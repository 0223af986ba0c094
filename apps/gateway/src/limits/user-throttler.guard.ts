import { ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { getOptionsToken, getStorageToken, ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { AppLogger, AuditLog, Clock, LOGGER, SECURITY_METRICS, SecurityMetrics } from '@housef3/platform';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { sourceOf } from '../audit/audited';

/**
 * Per-user request rates on the POST routes (runs after authentication): the tracker is the
 * user id, each route has its own window. A refused request is a 429 with Retry-After and the
 * stable code RATE_LIMITED, counted in housef3_rate_limited_total and recorded in the audit trail.
 */
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    @Inject(Reflector) reflector: Reflector,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(SECURITY_METRICS) private readonly metrics: SecurityMetrics,
    @Inject(LOGGER) private readonly log: AppLogger,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    return request.method !== 'POST' || !request.userId;
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return `user:${(req as unknown as AuthenticatedRequest).userId}`;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const route = `${request.method} ${request.route?.path ?? request.path}`;
    this.metrics.rateLimited.inc({ route });
    await this.audit.record({ userId: request.userId, action: 'request.rate_limited', outcome: 'refused', code: 'RATE_LIMITED', origin: route, ...sourceOf(request) }, this.clock.now())
      .catch((e) => this.log.error({ err: e }, 'audit record could not be written'));
    throw new HttpException({
      code: 'RATE_LIMITED', message: `too many requests: at most ${detail.limit} per ${Math.round(detail.ttl / 1000)} s on this route; retry after ${detail.timeToBlockExpire} s`,
      details: { limit: detail.limit, windowSeconds: Math.round(detail.ttl / 1000), retryAfterSeconds: detail.timeToBlockExpire },
    }, HttpStatus.TOO_MANY_REQUESTS);
  }
}
