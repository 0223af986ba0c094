import { ArrayNotEmpty, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { ToBool, ToInt, ToList } from './env-config';

const URL_OPTS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** Variables every service reads. A service's own config class extends this one. */
export class ServiceConfig {
  /** HTTP port for /health and /metrics (the gateway also serves the API on it). */
  @ToInt() @IsInt() @Min(1) @Max(65535) HTTP_PORT!: number;
  @IsString() HTTP_HOST: string = '127.0.0.1';
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL: string = 'info';

  /** Kafka bootstrap servers, `host:port[,host:port]` */
  @ToList() @ArrayNotEmpty({ message: 'KAFKA_BROKERS must list at least one host:port' })
  @Matches(/^[A-Za-z0-9.-]+:\d{1,5}$/, { each: true, message: 'each of KAFKA_BROKERS must be host:port' })
  KAFKA_BROKERS!: string[];
  @IsOptional() @IsString() KAFKA_CLIENT_ID?: string;
  /** consumer group (default: the service name); a deployment on other tables needs its own */
  @IsOptional() @Matches(/^[A-Za-z0-9._-]{1,200}$/) KAFKA_GROUP_ID?: string;
  /** how long the broker waits before it gives a silent consumer's partitions to others (handlers are short, so this can be) */
  @ToInt() @IsInt() @Min(6000) @Max(300000) KAFKA_SESSION_TIMEOUT_MS: number = 10000;
  /** TLS to the brokers (production: true) */
  @ToBool() @IsBoolean() KAFKA_TLS: boolean = false;
  /** a private CA bundle (PEM file) for the brokers' certificates; default: the system CAs */
  @IsOptional() @IsString() KAFKA_TLS_CA_FILE?: string;
  /** client certificate and key (PEM files) for mutual TLS */
  @IsOptional() @IsString() KAFKA_TLS_CERT_FILE?: string;
  @IsOptional() @IsString() KAFKA_TLS_KEY_FILE?: string;
  @ToBool() @IsBoolean() KAFKA_TLS_REJECT_UNAUTHORIZED: boolean = true;
  /** SASL authentication (with KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD) */
  @IsOptional() @IsIn(['plain', 'scram-sha-256', 'scram-sha-512']) KAFKA_SASL_MECHANISM?: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  @ValidateIf((c: ServiceConfig) => c.KAFKA_SASL_MECHANISM !== undefined) @IsString() @MinLength(1) KAFKA_SASL_USERNAME?: string;
  @ValidateIf((c: ServiceConfig) => c.KAFKA_SASL_MECHANISM !== undefined) @IsString() @MinLength(1) KAFKA_SASL_PASSWORD?: string;
  /** how long audit records are kept (DynamoDB TTL), days */
  @ToInt() @IsInt() @Min(1) @Max(3650) AUDIT_RETENTION_DAYS: number = 400;

  @IsString() @Matches(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: 'AWS_REGION must look like us-east-1' }) AWS_REGION!: string;
  /** Set for DynamoDB Local; unset in AWS. */
  @IsOptional() @IsUrl(URL_OPTS) DYNAMODB_ENDPOINT?: string;
  /** Set for a local S3 server; unset in AWS. */
  @IsOptional() @IsUrl(URL_OPTS) S3_ENDPOINT?: string;
  @ToBool() @IsBoolean() S3_FORCE_PATH_STYLE: boolean = false;
  /**
   * Attempts per AWS call, the SDK's own retries included (standard retry mode). Kept small on
   * purpose: a longer outage releases the job, which resumes from its checkpoint later.
   */
  @ToInt() @IsInt() @Min(1) @Max(10) AWS_MAX_ATTEMPTS: number = 3;

  /** `${project}-${env}`, e.g. housef3-dev: tables are `${TABLE_PREFIX}-accounts`, ... */
  @Matches(/^[A-Za-z0-9_.-]{3,200}$/, { message: 'TABLE_PREFIX must be 3-200 of [A-Za-z0-9_.-]' }) TABLE_PREFIX!: string;
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'FILE_STORAGE_BUCKET must be a valid S3 bucket name' }) FILE_STORAGE_BUCKET!: string;
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'PACKAGES_BUCKET must be a valid S3 bucket name' }) PACKAGES_BUCKET!: string;
}
