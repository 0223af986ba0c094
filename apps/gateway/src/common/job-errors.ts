import { Inject, Injectable } from '@nestjs/common';
import { TableNames } from '@housef3/data-model';
import { publicJobError, PublicError } from '@housef3/jobs';
import { TABLES } from '@housef3/platform';
import { GatewayConfig } from '../config/gateway.config';

/** A job's recorded error as a user may see it: this deployment's bucket and table names never shown. */
@Injectable()
export class JobErrors {
  private readonly hidden: string[];

  constructor(@Inject(GatewayConfig) config: GatewayConfig, @Inject(TABLES) tables: TableNames) {
    this.hidden = [config.TABLE_PREFIX, config.PACKAGES_BUCKET, config.FILE_STORAGE_BUCKET, ...Object.values(tables)];
  }

  shown(job: { errorCode?: string; error?: string }): PublicError | undefined {
    return publicJobError(job.errorCode, job.error, this.hidden);
  }
}
