import { Counter, Histogram } from 'prom-client';
import { MetricsService } from './metrics.service';

/** Job metrics, by Prometheus conventions (docs/operations.md; alert rules in ops/). */
export interface JobMetrics {
  jobs: Counter<'kind' | 'status'>;
  duration: Histogram<'kind' | 'status'>;
  packageBytes: Histogram<'kind'>;
  sagaSteps: Counter<'step' | 'outcome'>;
  compensations: Counter<'step'>;
}

export function createJobMetrics(metrics: MetricsService): JobMetrics {
  return {
    jobs: metrics.counter('housef3_jobs_total', 'Export and import jobs that ended, by kind and final status.', ['kind', 'status']),
    duration: metrics.histogram('housef3_job_duration_seconds', 'Wall time of ended jobs, from start of work to the end.', ['kind', 'status'], [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600]),
    packageBytes: metrics.histogram('housef3_package_size_bytes', 'Size of packages written (export) or read (import).', ['kind'], [1e5, 1e6, 1e7, 5e7, 1e8, 5e8, 1e9, 5e9]),
    sagaSteps: metrics.counter('housef3_saga_steps_total', 'Import saga steps finished, by step and outcome.', ['step', 'outcome']),
    compensations: metrics.counter('housef3_saga_compensations_total', 'Import saga compensations run, by step.', ['step']),
  };
}
