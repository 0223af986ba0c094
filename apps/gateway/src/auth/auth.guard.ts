import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '@housef3/platform';
import type { Request } from 'express';
import { AuthError, JwtVerifier } from './jwt-verifier';

export interface AuthenticatedRequest extends Request {
  userId: string;
}

/** Every route needs `Authorization: Bearer <jwt>` unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(@Inject(JwtVerifier) private readonly verifier: JwtVerifier, @Inject(Reflector) private readonly reflector: Reflector) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer ([A-Za-z0-9\-_.]+)$/.exec(request.headers.authorization ?? '');
    if (!match) throw new UnauthorizedException('missing bearer token');
    try {
      request.userId = (await this.verifier.verify(match[1])).userId;
      return true;
    } catch (e) {
      if (e instanceof AuthError) throw new UnauthorizedException(e.message);
      throw e;
    }
  }
}
