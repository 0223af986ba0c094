import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule, ThrottlerStorage } from '@nestjs/throttler';
import { TableNames } from '@housef3/data-model';
import { ExportJobRepository, ImportJobRepository, JobSlots } from '@housef3/jobs';
import { AppLogger, AuditLog, PlatformModule, S3Presigner, SECURITY_METRICS, SecurityMetrics, TABLES } from '@housef3/platform';
import { ExportController } from './export/export.controller';
import { ExportEstimator } from './export/export-estimator';
import { ExportService } from './export/export.service';
import { ImportController } from './import/import.controller';
import { ImportService } from './import/import.service';
import { AuthGuard } from './auth/auth.guard';
import { JwtVerifier } from './auth/jwt-verifier';
import { AuditController } from './audit/audit.controller';
import { AuditInterceptor } from './audit/audit.interceptor';
import { JobErrors } from './common/job-errors';
import { ActiveJobs } from './limits/active-jobs';
import { DynamoThrottlerStorage } from './limits/dynamo-throttler.storage';
import { RetryAfterInterceptor } from './limits/retry-after.interceptor';
import { UserThrottlerGuard } from './limits/user-throttler.guard';
import { GatewayConfig } from './config/gateway.config';
import { DiagnosticsController } from './diagnostics/diagnostics.controller';

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
        // per-user POST rates, counted in DynamoDB so every replica enforces the same limit
        ThrottlerModule.forRootAsync({
          inject: [DynamoDBClient, TABLES],
          useFactory: (c: DynamoDBClient, t: TableNames) => ({
            throttlers: [{ name: 'default', limit: config.GATEWAY_RATE_LIMIT_POSTS, ttl: config.GATEWAY_RATE_LIMIT_WINDOW_MS }],
            storage: new DynamoThrottlerStorage(c, t.userLimits) as ThrottlerStorage,
          }),
        }),
      ],
      controllers: [DiagnosticsController, ExportController, ImportController, AuditController],
      providers: [
        { provide: JwtVerifier, inject: [SECURITY_METRICS], useFactory: verifier },
        { provide: AuditLog, inject: [DynamoDBClient, TABLES], useFactory: (c: DynamoDBClient, t: TableNames) => new AuditLog(c, t.auditLog, config.AUDIT_RETENTION_DAYS) },
        // guards run in this order: who is it, then how often may they
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: UserThrottlerGuard },
        { provide: APP_INTERCEPTOR, useClass: RetryAfterInterceptor },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        { provide: JobSlots, inject: [DynamoDBClient, TABLES], useFactory: (c: DynamoDBClient, t: TableNames) => new JobSlots(c, t.userLimits) },
        ActiveJobs,
        // request bodies and queries: typed, unknown fields refused
        { provide: APP_PIPE, useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }) },
        { provide: ExportJobRepository, inject: [DynamoDBClient, TABLES], useFactory: (c: DynamoDBClient, t: TableNames) => new ExportJobRepository(c, t.exportJobs) },
        { provide: ExportEstimator, inject: [DynamoDBClient, TABLES], useFactory: (c: DynamoDBClient, t: TableNames) => new ExportEstimator(c, t) },
        { provide: S3Presigner, inject: [S3Client], useFactory: (s3: S3Client) => new S3Presigner(s3) },
        JobErrors,
        ExportService,
        { provide: ImportJobRepository, inject: [DynamoDBClient, TABLES], useFactory: (c: DynamoDBClient, t: TableNames) => new ImportJobRepository(c, t.importJobs) },
        ImportService,
      ],
    };
  }
}
