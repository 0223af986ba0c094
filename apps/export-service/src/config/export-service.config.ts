import { ServiceConfig, ToBool, ToInt } from '@housef3/platform';
import { IsBoolean, IsInt, IsString, Max, Min, MinLength } from 'class-validator';

/** The export-service's environment (every variable of ServiceConfig, plus its own). */
export class ExportServiceConfig extends ServiceConfig {
  @ToInt() @IsInt() @Min(1) @Max(65535) override HTTP_PORT: number = 3001;
  /** how long a worker's claim on a job lasts without a heartbeat (a dead worker's job is taken over after it) */
  @ToInt() @IsInt() @Min(1000) @Max(3600000) EXPORT_LEASE_MS: number = 30000;
  /** how often this instance looks for abandoned, stale, expired and deleted jobs */
  @ToInt() @IsInt() @Min(500) @Max(3600000) EXPORT_SWEEP_INTERVAL_MS: number = 10000;
  /** work attempts before a repeatedly interrupted export fails */
  @ToInt() @IsInt() @Min(1) @Max(10) EXPORT_MAX_ATTEMPTS: number = 3;
  /** transient failures in a row (throttling, 5xx, a broker away) before an export is failed; each waits a doubling backoff */
  @ToInt() @IsInt() @Min(0) @Max(100) EXPORT_MAX_TRANSIENT_RETRIES: number = 10;
  @ToInt() @IsInt() @Min(0) @Max(3600000) EXPORT_RETRY_BASE_MS: number = 2000;
  @ToInt() @IsInt() @Min(0) @Max(3600000) EXPORT_RETRY_MAX_MS: number = 60000;
  /** exports one replica collects at once; the rest wait in the job table for a free worker */
  @ToInt() @IsInt() @Min(1) @Max(64) EXPORT_WORKERS: number = 2;
  /** how long a completed package stays downloadable, seconds (default 7 days) */
  @ToInt() @IsInt() @Min(1) @Max(365 * 24 * 3600) EXPORT_RETENTION_SECONDS: number = 7 * 24 * 3600;
  /** how long the job record stays (as history) after the export ended, days */
  @ToInt() @IsInt() @Min(1) @Max(3650) EXPORT_HISTORY_DAYS: number = 90;
  /** an assembly no file-service took up this long after it was due fails */
  @ToInt() @IsInt() @Min(1000) @Max(24 * 3600000) EXPORT_ASSEMBLY_PICKUP_MS: number = 300000;
  /** date ranges of a user's transactions read at the same time (1: one query) */
  @ToInt() @IsInt() @Min(1) @Max(32) EXPORT_READ_SEGMENTS: number = 6;
  /** pages each date range (or account) may read beyond what was consumed (encoded text waiting for its turn) */
  @ToInt() @IsInt() @Min(1) @Max(16) EXPORT_READ_PAGES_AHEAD: number = 4;
  /** at most this many date ranges per export (the transactions are cut into ranges of about EXPORT_READ_PAGES_AHEAD pages) */
  @ToInt() @IsInt() @Min(1) @Max(100000) EXPORT_READ_MAX_RANGES: number = 4096;
  /** items a query page asks for (DynamoDB cuts a page at 1 MB whatever this says) */
  @ToInt() @IsInt() @Min(25) @Max(2000) EXPORT_READ_PAGE_ITEMS: number = 500;
  /** transactions are decoded, validated and encoded on a thread of their own (false: on the service's main thread) */
  @ToBool() @IsBoolean() EXPORT_ENCODE_IN_WORKER: boolean = true;
  /** the heap of that thread's old generation, MiB (it holds a page or two: DynamoDB cuts a page at 1 MB) */
  @ToInt() @IsInt() @Min(16) @Max(1024) EXPORT_ENCODE_HEAP_MB: number = 48;
  /** written into the manifest as housef3_version */
  @IsString() @MinLength(1) HOUSEF3_VERSION: string = '2.5.0';
}
