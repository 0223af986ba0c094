import { Inject, Injectable } from '@nestjs/common';
import { SagaStep } from '@housef3/contracts';
import { PermanentError } from '@housef3/platform';
import { ImportServiceConfig } from '../../config/import-service.config';

/**
 * TEST-ONLY fault injection (refused in production at boot): `IMPORT_FAULT_AT=<step>:<chunk>` fails
 * the saga after that chunk; `IMPORT_FAULT_COMPENSATION=true` makes every compensation run fail.
 */
@Injectable()
export class FaultHook {
  constructor(@Inject(ImportServiceConfig) private readonly config: ImportServiceConfig) {
    if ((config.IMPORT_FAULT_AT || config.IMPORT_FAULT_COMPENSATION) && config.NODE_ENV === 'production') {
      throw new Error('IMPORT_FAULT_AT and IMPORT_FAULT_COMPENSATION are test hooks and are refused in production');
    }
  }

  after(step: SagaStep, chunk: number): void {
    if (this.config.IMPORT_FAULT_AT === `${step}:${chunk}`) throw new PermanentError('INJECTED_FAULT', `test fault injected after ${step} chunk ${chunk}`);
  }

  compensation(step: SagaStep): void {
    if (this.config.IMPORT_FAULT_COMPENSATION) throw new PermanentError('INJECTED_COMPENSATION_FAULT', `test fault injected into the compensation of ${step}`);
  }
}
