import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from '@housef3/platform';

/** The route template a request matched (`/export/:exportId/status`), never the raw path (unbounded labels). */
export function routeOf(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl ?? ''}${route.path}`;
  return 'unmatched';
}

/**
 * HTTP request count and latency by method, route and status, on the service's registry
 * (`housef3_http_requests_total`, `housef3_http_request_duration_seconds`).
 */
export function httpMetricsMiddleware(metrics: MetricsService) {
  const requests = metrics.counter('housef3_http_requests_total', 'HTTP requests answered, by method, route template and status.', ['method', 'route', 'status']);
  const duration = metrics.histogram('housef3_http_request_duration_seconds', 'HTTP request latency until the response ended, by method, route template and status.', ['method', 'route', 'status'], [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const labels = { method: req.method, route: routeOf(req), status: String(res.statusCode) };
      requests.inc(labels);
      duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
