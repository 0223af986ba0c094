import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, Observable, throwError } from 'rxjs';

/** An error that says when to retry (`retryAfterSeconds`) is answered with a Retry-After header. */
@Injectable()
export class RetryAfterInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => {
      const seconds = (error as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
      if (typeof seconds === 'number') context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
      return throwError(() => error);
    }));
  }
}
