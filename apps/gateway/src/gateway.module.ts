import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule, ThrottlerStorage } from '@nestjs/throttler';
import { TableNames } from '@housef3/data-model';
import { ExportJobRepository, ImportJobRepository, JobSlots } from '@housef3/jobs';
import { AppLogger, AuditLog, Clock, PlatformModule, S3Presigner, SECURITY_METRICS, SecurityMetrics, TABLES } from '@housef3/platform';
import { DownloadUrlCache } from './export/download-url.cache';
import { ExportEstimator } from './export/export-estimator';
import { ExportService } from './export/export.service';
import { ExportEstimateService } from './export/export-estimate.service';
import { UserDataCounter } from './export/user-data-counter';
import { ImportService } from './import/import.service';
import { ImportObjects } from './import/import-objects.s3';
import { ImportReports } from './import/import-reports.service';
import { ImportUploads } from './import/import-uploads.service';
import { AuthGuard } from './auth/auth.guard';
import { JwtVerifier } from './auth/jwt-verifier';
import { AuditInterceptor } from './audit/audit.interceptor';
import { JobErrors } from './common/job-errors';
import { ActiveJobs } from './limits/active-jobs';
import { DynamoThrottlerStorage } from './limits/dynamo-throttler.storage';
import { RetryAfterInterceptor } from './limits/retry-after.interceptor';
import { UserThrottlerGuard } from './limits/user-throttler.guard';
import { GatewayConfig } from './config/gateway.config';
import { GATEWAY_CONTROLLERS } from './gateway.controllers';
import { ErrorFilter } from './http/error.filter';
import { WebModule } from './web/web.module';

@Module({})
export class GatewayModule {
  static register(config: GatewayConfig, logger: AppLogger): DynamicModule {
    const verifier = (metrics: SecurityMetrics) => new JwtVerifier({
      issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, tokenUse: config.AUTH_TOKEN_USE,
      jwksUrl: config.AUTH_JWKS_URL, jwksFile: config.AUTH_JWKS_FILE, clockToleranceS: config.AUTH_CLOCK_TOLERANCE_S,
      jwks: {
        refreshMs: config.AUTH_JWKS_REFRESH_MS, cooldownMs: config.AUTH_JWKS_COOLDOWN_MS, timeoutMs: config.AUTH_JWKS_TIMEOUT_MS,
        onFetchFailed: (error, serving) => {
          metrics.jwksFetchFailures.inc({ serving: String(serving) });
          logger.warn({ err: error, serving }, serving ? 'JWKS fetch failed; serving the last good keys' : 'JWKS fetch failed; no keys to verify tokens with');
        },
      },
    });
    return {
      module: GatewayModule,
      imports: [
        PlatformModule.forService({ service: 'gateway', config, configClass: GatewayConfig, logger }),
        WebModule.register(config),
        // per-user POST rates, counted in DynamoDB so every replica enforces the same limit
        ThrottlerModule.forRootAsync({
          inject: [DynamoDBClient, TABLES],
          useFactory: (c: DynamoDBClient, t: TableNames) => ({
            throttlers: [{ name: 'default', limit: config.GATEWAY_RATE_LIMIT_POSTS, ttl: config.GATEWAY_RATE_LIMIT_WINDOW_MS }],
            storage: new DynamoThrottlerStorage(c, t.userLimits) as ThrottlerStorage,
          }),
        }),
      ],
      controllers: GATEWAY_CONTROLLERS,
      providers: [
        { provide: JwtVerifier, inject: [SECURITY_METRICS], useFactory: verifier },
        { provide: AuditLog, inject: [DynamoDBClient, TABLES], useFactory: (c: DynamoDBClient, t: TableNames) => new AuditLog(c, t.auditLog, config.AUDIT_RETENTION_DAYS) },
        // guards run in this order: who is it, then how often may they
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: UserThrottlerGuard },
        // every error, ours or Nest's or unexpected: one body { code, message, details? }
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: RetryAfterInterceptor },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        { provide: JobSlots, inject: [DynamoDBClient, TABLES], useFactory: (c: DynamoDBClient, t: TableNames) => new JobSlots(c, t.userLimits) },
        ActiveJobs,
        // request bodies and queries: typed, unknown fields refused
        { provide: APP_PIPE, useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }) },
        { provide: ExportJobRepository, inject: [DynamoDBClient, TABLES], useFactory: (c: DynamoDBClient, t: TableNames) => new ExportJobRepository(c, t.exportJobs) },
        { provide: ExportEstimator, inject: [DynamoDBClient, TABLES], useFactory: (c: DynamoDBClient, t: TableNames) => new ExportEstimator(c, t) },
        { provide: S3Presigner, inject: [S3Client], useFactory: (s3: S3Client) => new S3Presigner(s3) },
        { provide: DownloadUrlCache, inject: [S3Presigner, Clock], useFactory: (p: S3Presigner, clock: Clock) => new DownloadUrlCache(p, clock, config.DOWNLOAD_URL_TTL_S) },
        JobErrors,
        ExportService,
        { provide: UserDataCounter, inject: [DynamoDBClient, TABLES], useFactory: (c: DynamoDBClient, t: TableNames) => new UserDataCounter(c, t) },
        ExportEstimateService,
        { provide: ImportJobRepository, inject: [DynamoDBClient, TABLES], useFactory: (c: DynamoDBClient, t: TableNames) => new ImportJobRepository(c, t.importJobs) },
        { provide: ImportObjects, inject: [S3Client], useFactory: (s3: S3Client) => new ImportObjects(s3, config.PACKAGES_BUCKET) },
        ImportService,
        ImportUploads,
        ImportReports,
      ],
    };
  }
}
