import { ServiceConfig, ToInt } from '@housef3/platform';
import { IsInt, Max, Min } from 'class-validator';

/** The file-service's environment (every variable of ServiceConfig, plus its own). */
export class FileServiceConfig extends ServiceConfig {
  @ToInt() @IsInt() @Min(1) @Max(65535) override HTTP_PORT: number = 3003;
}
