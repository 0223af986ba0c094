import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ExportJobRepository, ImportJobRepository, JobSlots, SlotKind } from '@housef3/jobs';
import { Clock } from '@housef3/platform';
import { GatewayConfig } from '../config/gateway.config';

/** How long a client refused for too many active jobs is told to wait before trying again. */
const RETRY_AFTER_S = 30;

/** 429 TOO_MANY_ACTIVE_JOBS; carries its Retry-After for the RetryAfterInterceptor. */
export class TooManyActiveJobs extends HttpException {
  readonly retryAfterSeconds = RETRY_AFTER_S;

  constructor(kind: SlotKind, limit: number) {
    super({
      code: 'TOO_MANY_ACTIVE_JOBS', message: `too many active jobs: at most ${limit} running ${kind}${limit === 1 ? '' : 's'} per user; wait until one ends`,
      details: { kind, limit, retryAfterSeconds: RETRY_AFTER_S },
    }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/**
 * The per-user bound on running jobs (GATEWAY_MAX_ACTIVE_EXPORTS / _IMPORTS), held in
 * DynamoDB slots (JobSlots) so that every gateway replica enforces the same bound, race-free.
 */
@Injectable()
export class ActiveJobs {
  constructor(
    @Inject(JobSlots) private readonly slots: JobSlots,
    @Inject(ExportJobRepository) private readonly exports: ExportJobRepository,
    @Inject(ImportJobRepository) private readonly imports: ImportJobRepository,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Takes a slot for a new export, or throws TooManyActiveJobs. */
  async admitExport(userId: string, exportId: string): Promise<void> {
    const limit = this.config.GATEWAY_MAX_ACTIVE_EXPORTS;
    const running = async (id: string) => {
      const job = await this.exports.get(id);
      return job && (job.status === 'initiated' || job.status === 'processing') && job.deleteRequestedAt === undefined;
    };
    if (!(await this.slots.acquire(userId, 'export', exportId, limit, running, this.clock.now().getTime()))) throw new TooManyActiveJobs('export', limit);
  }

  /** Takes a slot for an import being started, or throws TooManyActiveJobs. */
  async admitImport(userId: string, importId: string): Promise<void> {
    const limit = this.config.GATEWAY_MAX_ACTIVE_IMPORTS;
    const running = async (id: string) => {
      const job = await this.imports.get(id);
      return job && (job.status === 'validating' || job.status === 'processing' || job.status === 'compensating');
    };
    if (!(await this.slots.acquire(userId, 'import', importId, limit, running, this.clock.now().getTime()))) throw new TooManyActiveJobs('import', limit);
  }
}
