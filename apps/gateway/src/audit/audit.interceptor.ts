import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditAction, AuditEvent, AuditLog, Clock, LOGGER, AppLogger, SECURITY_METRICS, SecurityMetrics } from '@housef3/platform';
import { catchError, concatMap, from, Observable, throwError } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { AUDITED, errorCodeOf, sourceOf } from './audited';

/**
 * Records every @Audited route's outcome in the audit trail, after the handler and before the
 * answer: success with the job id, or a refusal with the error's stable code (failed for a 5xx).
 * Refusals are also counted by code (housef3_security_refusals_total).
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(SECURITY_METRICS) private readonly metrics: SecurityMetrics,
    @Inject(LOGGER) private readonly logger: AppLogger,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const action = this.reflector.get<AuditAction | undefined>(AUDITED, context.getHandler());
    if (!action) return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    const base = {
      userId: request.userId, action, ...sourceOf(request), origin: `${request.method} ${request.route?.path ?? request.path}`,
      jobId: params.exportId ?? params.importId,
    };
    return next.handle().pipe(
      concatMap((body: unknown) => {
        const created = body as { exportId?: string; importId?: string } | undefined;
        return from(this.record({ ...base, outcome: 'success', jobId: base.jobId ?? created?.exportId ?? created?.importId }).then(() => body));
      }),
      catchError((error: unknown) => {
        const { code, status } = errorCodeOf(error);
        if (status < 500) this.metrics.refusals.inc({ code });
        return from(this.record({ ...base, outcome: status < 500 ? 'refused' : 'failed', code })).pipe(concatMap(() => throwError(() => error)));
      }),
    );
  }

  /** An audit write that fails is logged with the whole event (the log is the fallback trail); the answer is not held back. */
  private async record(event: AuditEvent): Promise<void> {
    await this.audit.record(event, this.clock.now()).catch((e) => this.logger.error({ err: e, audit: event }, 'audit record could not be written'));
  }
}
