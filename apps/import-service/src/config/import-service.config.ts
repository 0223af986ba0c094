import { ServiceConfig, ToInt } from '@housef3/platform';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** The import-service's environment (every variable of ServiceConfig, plus its own). */
export class ImportServiceConfig extends ServiceConfig {
  @ToInt() @IsInt() @Min(1) @Max(65535) override HTTP_PORT: number = 3002;
  /** how long a worker's claim on an import lasts without a heartbeat */
  @ToInt() @IsInt() @Min(1000) @Max(3600000) IMPORT_LEASE_MS: number = 30000;
  /** how often this instance looks for imports nobody is working on */
  @ToInt() @IsInt() @Min(500) @Max(3600000) IMPORT_SWEEP_INTERVAL_MS: number = 10000;
  /** records written per saga chunk (one checkpoint and one journal each) */
  @ToInt() @IsInt() @Min(1) @Max(10000) IMPORT_CHUNK_RECORDS: number = 500;
  /** original files restored per file-service command */
  @ToInt() @IsInt() @Min(1) @Max(500) IMPORT_FILES_PER_CHUNK: number = 20;
  /** how long to wait for the file-service on one chunk */
  @ToInt() @IsInt() @Min(1000) @Max(3600000) IMPORT_FILE_STEP_TIMEOUT_MS: number = 300000;
  /** work attempts before an import that keeps being interrupted is rolled back */
  @ToInt() @IsInt() @Min(1) @Max(10) IMPORT_MAX_ATTEMPTS: number = 3;
  /** how long an ended import's objects (upload, pinned package, journals, backups) are kept, ms (default one day) */
  @ToInt() @IsInt() @Min(0) @Max(90 * 24 * 3600 * 1000) IMPORT_RETENTION_MS: number = 24 * 3600 * 1000;
  /** how long after its upload URL expired a never-started import is given up and erased, ms */
  @ToInt() @IsInt() @Min(0) @Max(30 * 24 * 3600 * 1000) IMPORT_UNSTARTED_GRACE_MS: number = 3600 * 1000;
  /** how often this instance looks for imports whose objects are due for deletion */
  @ToInt() @IsInt() @Min(200) @Max(24 * 3600 * 1000) IMPORT_RETENTION_SWEEP_INTERVAL_MS: number = 60000;
  /**
   * TEST-ONLY fault hook: `<step>:<chunk>` makes the saga fail after that chunk of that step (e.g.
   * `transactions:0`), to prove the compensations. Refused when NODE_ENV is production.
   */
  @IsOptional() @IsString() NODE_ENV?: string;
  @IsOptional() @Matches(/^(categories|file_maps|accounts|transaction_files|files|transactions|analytics|verify):\d+$/) IMPORT_FAULT_AT?: string;
}
