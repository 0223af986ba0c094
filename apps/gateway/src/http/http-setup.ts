import { INestApplication } from '@nestjs/common';
import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import { AppLogger, MetricsService } from '@housef3/platform';
import { GatewayConfig } from '../config/gateway.config';
import { serveOpenApi } from '../openapi/openapi';
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

/** Everything HTTP around the controllers: request logs and ids, metrics, CORS, the API document. */
export async function configureHttp(app: INestApplication, config: GatewayConfig, logger: AppLogger): Promise<void> {
  app.use(requestLogging(logger));
  app.use(httpMetricsMiddleware(app.get(MetricsService)));
  if (config.CORS_ALLOWED_ORIGINS.length > 0) app.enableCors(corsOptions(config.CORS_ALLOWED_ORIGINS));
  await serveOpenApi(app);
}
