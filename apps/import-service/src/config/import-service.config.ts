import { ServiceConfig, ToInt } from '@housef3/platform';
import { IsInt, Max, Min } from 'class-validator';

/** The import-service's environment (every variable of ServiceConfig, plus its own). */
export class ImportServiceConfig extends ServiceConfig {
  @ToInt() @IsInt() @Min(1) @Max(65535) override HTTP_PORT: number = 3002;
}
