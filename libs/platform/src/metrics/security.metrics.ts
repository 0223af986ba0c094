import { Counter } from 'prom-client';
import { MetricsService } from './metrics.service';

/**
 * Security events, by Prometheus conventions; the alert rules in ops/prometheus/ fire on them
 * (docs/operations.md). Label values are closed sets (codes, routes), never user ids.
 */
export interface SecurityMetrics {
  /** a request, package or command refused, by its stable code (e.g. RECORD_TOO_LARGE, TOO_MANY_ACTIVE_JOBS, OWNER_MISMATCH) */
  refusals: Counter<'code'>;
  /** requests without a usable token (reason: missing, invalid, keys_unavailable) */
  authFailures: Counter<'reason'>;
  /** requests refused by a per-user rate limit, by route */
  rateLimited: Counter<'route'>;
  /** fetches of the identity provider's keys that failed (serving: whether older keys were still served) */
  jwksFetchFailures: Counter<'serving'>;
}

export function createSecurityMetrics(metrics: MetricsService): SecurityMetrics {
  return {
    refusals: metrics.counter('housef3_security_refusals_total', 'Requests, packages and commands refused for a security or limit reason, by code.', ['code']),
    authFailures: metrics.counter('housef3_auth_failures_total', 'Requests refused because no valid token was presented, by reason.', ['reason']),
    rateLimited: metrics.counter('housef3_rate_limited_total', 'Requests refused by a per-user rate limit (429), by route.', ['route']),
    jwksFetchFailures: metrics.counter('housef3_jwks_fetch_failures_total', 'Failed fetches of the identity provider\'s signing keys.', ['serving']),
  };
}
