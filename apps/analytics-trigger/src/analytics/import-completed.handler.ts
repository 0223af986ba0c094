import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { KafkaBus } from '@housef3/platform';
import { AnalyticsTriggerService } from './analytics-trigger.service';

/** Thin handler of the public import.completed event. */
@Injectable()
export class ImportCompletedHandler implements OnModuleInit {
  constructor(@Inject(KafkaBus) private readonly bus: KafkaBus, @Inject(AnalyticsTriggerService) private readonly trigger: AnalyticsTriggerService) {}

  onModuleInit(): void {
    this.bus.on('import.completed', async (m) => void (await this.trigger.importCompleted(m)));
  }
}
