import { ServiceConfig, ToInt } from '@housef3/platform';
import { IsInt, Max, Min } from 'class-validator';

/** The file-service's environment (every variable of ServiceConfig, plus its own). */
export class FileServiceConfig extends ServiceConfig {
  @ToInt() @IsInt() @Min(1) @Max(65535) override HTTP_PORT: number = 3003;
  /** how long this service's claim on a package assembly lasts without a heartbeat */
  @ToInt() @IsInt() @Min(1000) @Max(3600000) FILE_LEASE_MS: number = 30000;
  /** how often this instance looks for package assemblies nobody is working on */
  @ToInt() @IsInt() @Min(500) @Max(3600000) FILE_SWEEP_INTERVAL_MS: number = 10000;
  /** work attempts of an export (shared with the export-service) */
  @ToInt() @IsInt() @Min(1) @Max(10) EXPORT_MAX_ATTEMPTS: number = 3;
  /** multipart part size for package uploads, MiB (memory: part size x 2 parts in flight) */
  @ToInt() @IsInt() @Min(5) @Max(512) PACKAGE_PART_SIZE_MB: number = 5;
  /** original files checked at once before a package is written */
  @ToInt() @IsInt() @Min(1) @Max(64) FILE_CHECK_CONCURRENCY: number = 8;
}
