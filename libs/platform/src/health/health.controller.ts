import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../service/public.decorator';
import { HealthService } from './health.service';

@Public()
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Readiness: 200 when Kafka, S3 and DynamoDB answer, 503 with the failing check otherwise. */
  @Get('health')
  async ready(@Res() res: Response): Promise<void> {
    const report = await this.health.report();
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  }

  /** Liveness: the process serves HTTP. */
  @Get('health/live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
