import { ServiceConfig, ToBool, ToInt } from '@housef3/platform';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** The import-service's environment (every variable of ServiceConfig, plus its own). */
export class ImportServiceConfig extends ServiceConfig {
  @ToInt() @IsInt() @Min(1) @Max(65535) override HTTP_PORT: number = 3002;
  /** how long a worker's claim on an import lasts without a heartbeat */
  @ToInt() @IsInt() @Min(1000) @Max(3600000) IMPORT_LEASE_MS: number = 30000;
  /** how often progress reported between lease renewals (validation, verification, waits) is recorded on the job */
  @ToInt() @IsInt() @Min(200) @Max(3600000) IMPORT_PROGRESS_INTERVAL_MS: number = 1000;
  /** how often this instance looks for imports nobody is working on */
  @ToInt() @IsInt() @Min(500) @Max(3600000) IMPORT_SWEEP_INTERVAL_MS: number = 10000;
  /** records written per saga chunk (one checkpoint and one journal each) */
  @ToInt() @IsInt() @Min(1) @Max(10000) IMPORT_CHUNK_RECORDS: number = 1000;
  /** original files restored per file-service command */
  @ToInt() @IsInt() @Min(1) @Max(500) IMPORT_FILES_PER_CHUNK: number = 20;
  /** how long to wait for the file-service on one chunk before the job is given back and resumed later */
  @ToInt() @IsInt() @Min(1000) @Max(3600000) IMPORT_FILE_STEP_TIMEOUT_MS: number = 300000;
  /** a file-service request without an answer this long is sent again (requests are idempotent) */
  @ToInt() @IsInt() @Min(500) @Max(3600000) IMPORT_FILE_RESEND_MS: number = 60000;
  /** how often the job is read for the file-service's answer */
  @ToInt() @IsInt() @Min(50) @Max(60000) IMPORT_FILE_POLL_MS: number = 250;
  /** crashes (leases that ran out) before an import is rolled back instead of resumed */
  @ToInt() @IsInt() @Min(1) @Max(10) IMPORT_MAX_ATTEMPTS: number = 3;
  /** transient failures in a row (throttling, 5xx, timeouts, broker away) before the import is rolled back */
  @ToInt() @IsInt() @Min(0) @Max(100) IMPORT_MAX_TRANSIENT_RETRIES: number = 10;
  /** failed runs of a compensation before the job ends compensation_failed (and pages) */
  @ToInt() @IsInt() @Min(1) @Max(100) IMPORT_MAX_COMPENSATION_ATTEMPTS: number = 5;
  /** backoff before resuming after a transient error: doubles from the base up to the max */
  @ToInt() @IsInt() @Min(0) @Max(3600000) IMPORT_RETRY_BASE_MS: number = 2000;
  @ToInt() @IsInt() @Min(0) @Max(3600000) IMPORT_RETRY_MAX_MS: number = 60000;
  /** imports one replica works on at once; the rest wait in the job table for a free worker */
  @ToInt() @IsInt() @Min(1) @Max(64) IMPORT_WORKERS: number = 4;
  /**
   * heap ceiling (old generation, MiB) of the worker thread that validates one package; a package
   * whose validation needs more fails with VALIDATION_MEMORY_EXCEEDED, without harm to the service
   */
  @ToInt() @IsInt() @Min(16) @Max(4096) IMPORT_VALIDATION_HEAP_MB: number = 40;
  /**
   * validation workers (threads) one replica runs at once; imports still to validate beyond them
   * wait in the job table for a replica with a free one
   */
  @ToInt() @IsInt() @Min(1) @Max(16) IMPORT_VALIDATION_WORKERS: number = 1;
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
  @IsOptional() @Matches(/^(categories|file_maps|accounts|transaction_files|files|transactions|analytics|user_preferences|recurring_charge_patterns|recurring_charge_predictions|pattern_feedback|verify):\d+$/) IMPORT_FAULT_AT?: string;
  /** TEST-ONLY: every compensation run fails (to prove the bounded attempts and compensation_failed). Refused in production. */
  @ToBool() @IsBoolean() IMPORT_FAULT_COMPENSATION: boolean = false;
}
