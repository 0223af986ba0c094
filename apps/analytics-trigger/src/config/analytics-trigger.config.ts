import { ServiceConfig, ToInt } from '@housef3/platform';
import { IsInt, Max, Min } from 'class-validator';

/** The analytics-trigger's environment (every variable of ServiceConfig, plus its own). */
export class AnalyticsTriggerConfig extends ServiceConfig {
  @ToInt() @IsInt() @Min(1) @Max(65535) override HTTP_PORT: number = 3004;
}
