export type HealthCheck = () => Promise<unknown>;

export interface CheckResult {
  status: 'up' | 'down';
  latencyMs: number;
  detail?: unknown;
  error?: string;
}

export interface HealthReport {
  status: 'ok' | 'error';
  service: string;
  checks: Record<string, CheckResult>;
}

/** Readiness: every registered dependency check must answer within the timeout. */
export class HealthService {
  private readonly checks = new Map<string, HealthCheck>();

  constructor(private readonly service: string, private readonly timeoutMs = 3000) {}

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  async report(): Promise<HealthReport> {
    const entries = await Promise.all([...this.checks].map(async ([name, check]) => [name, await this.run(check)] as const));
    const checks = Object.fromEntries(entries);
    const status = entries.every(([, r]) => r.status === 'up') ? 'ok' : 'error';
    return { status, service: this.service, checks };
  }

  private async run(check: HealthCheck): Promise<CheckResult> {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      });
      const detail = await Promise.race([check(), timeout]);
      return { status: 'up', latencyMs: Date.now() - started, detail };
    } catch (e) {
      return { status: 'down', latencyMs: Date.now() - started, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    } finally {
      clearTimeout(timer);
    }
  }
}
