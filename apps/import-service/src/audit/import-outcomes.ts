import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AnyMessage } from '@housef3/contracts';
import { ImportJobRepository } from '@housef3/jobs';
import { AuditEvent, AuditLog, KafkaBus, SECURITY_METRICS, SecurityMetrics } from '@housef3/platform';

/** Codes of one refused package, most frequent first (the audit record names the first, the metric counts each). */
export function refusalCodes(errors: ReadonlyArray<{ code?: string }>): string[] {
  const counts = new Map<string, number>();
  for (const e of errors) {
    const code = e.code && /^[A-Z][A-Z0-9_]{0,99}$/.test(e.code) ? e.code : 'VALIDATION_FAILED';
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([code]) => code);
}

/** Failure codes that say the package was built to exhaust the import (counted as refusals too). */
const HOSTILE_FAILURES = new Set(['VALIDATION_MEMORY_EXCEEDED']);

/**
 * The service-side outcomes of imports, from the import's own events: completed and failed
 * go to the audit trail; a package refused by validation is audited with its codes and each
 * code counted in housef3_security_refusals_total (the hostile-package alert fires on it), and so
 * is an import failed because its validation ran out of memory (VALIDATION_MEMORY_EXCEEDED).
 * Every record is keyed by the event's message id, so a redelivered event is recorded once.
 */
@Injectable()
export class ImportOutcomes implements OnModuleInit {
  constructor(
    @Inject(KafkaBus) private readonly bus: KafkaBus,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(ImportJobRepository) private readonly jobs: ImportJobRepository,
    @Inject(SECURITY_METRICS) private readonly metrics: SecurityMetrics,
  ) {}

  onModuleInit(): void {
    this.bus.on('import.completed', (m) => this.record(m, { action: 'import.completed', outcome: 'success' }));
    this.bus.on('import.failed', (m) => {
      // a package whose validation ran out of its worker's memory is refused like any other bomb
      if (HOSTILE_FAILURES.has(m.payload.error.code)) this.metrics.refusals.inc({ code: m.payload.error.code });
      return this.record(m, { action: 'import.failed', outcome: 'failed', code: m.payload.error.code });
    });
    this.bus.on('import.validated', async (m) => {
      if (m.payload.outcome !== 'validation_failed') return;
      const job = await this.jobs.get(m.payload.importId);
      const codes = refusalCodes(job?.validationResults?.errors ?? []);
      for (const code of codes) this.metrics.refusals.inc({ code });
      await this.record(m, { action: 'import.refused', outcome: 'refused', code: codes[0] ?? 'VALIDATION_FAILED' });
    });
  }

  private async record(message: AnyMessage, event: Pick<AuditEvent, 'action' | 'outcome' | 'code'>): Promise<void> {
    await this.audit.record({ ...event, userId: message.userId, jobId: message.correlationId, origin: message.type }, new Date(message.occurredAt), message.messageId);
  }
}
