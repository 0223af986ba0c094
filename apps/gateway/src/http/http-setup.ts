import { HttpStatus, INestApplication } from '@nestjs/common';
import { json, type NextFunction, type Request, type Response } from 'express';
import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import { AppLogger, MetricsService } from '@housef3/platform';
import { GatewayConfig } from '../config/gateway.config';
import { serveOpenApi } from '../openapi/openapi';
import { ApiError } from './api-error';
import { httpMetricsMiddleware } from './http-metrics';
import { requestLogging } from './request-logging';

/** CORS for the configured origins only (none configured: no CORS headers at all). */
export function corsOptions(allowedOrigins: readonly string[]): CorsOptions {
  const allowed = new Set(allowedOrigins);
  return {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'Content-Disposition'],
    maxAge: 600,
  };
}

/**
 * JSON bodies, parsed before Nest's own parser would (which then leaves them alone), so that a
 * malformed body is MALFORMED_JSON and an oversized one PAYLOAD_TOO_LARGE, not the parser's text.
 */
export function jsonBodies(limit = '100kb') {
  const parse = json({ limit });
  return (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (err?: unknown) => {
      if (!err) return next();
      const type = (err as { type?: unknown }).type;
      if (type === 'entity.too.large') return next(new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, 'PAYLOAD_TOO_LARGE', `the request body is larger than ${limit}`));
      if (type === 'entity.parse.failed') return next(new ApiError(HttpStatus.BAD_REQUEST, 'MALFORMED_JSON', 'the request body is not valid JSON'));
      return next(new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'the request body could not be read', { problems: [String((err as Error).message ?? err)] }));
    });
}

/** Everything HTTP around the controllers: request logs and ids, metrics, CORS, the API document. */
export async function configureHttp(app: INestApplication, config: GatewayConfig, logger: AppLogger): Promise<void> {
  app.use(requestLogging(logger));
  app.use(httpMetricsMiddleware(app.get(MetricsService)));
  app.use(jsonBodies());
  if (config.CORS_ALLOWED_ORIGINS.length > 0) app.enableCors(corsOptions(config.CORS_ALLOWED_ORIGINS));
  await serveOpenApi(app);
}
