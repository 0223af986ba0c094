import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TableNames } from '@housef3/data-model';
import { ExportJobRepository, ImportJobRepository } from '@housef3/jobs';
import { AppLogger, Clock, PlatformModule, S3Presigner, TABLES } from '@housef3/platform';
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
import { GatewayConfig } from './config/gateway.config';
import { GATEWAY_CONTROLLERS } from './gateway.controllers';
import { ErrorFilter } from './http/error.filter';
import { WebModule } from './web/web.module';

@Module({})
export class GatewayModule {
  static register(config: GatewayConfig, logger: AppLogger): DynamicModule {
    const verifier = new JwtVerifier({
      issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, tokenUse: config.AUTH_TOKEN_USE,
      jwksUrl: config.AUTH_JWKS_URL, jwksFile: config.AUTH_JWKS_FILE, clockToleranceS: config.AUTH_CLOCK_TOLERANCE_S,
    });
    return {
      module: GatewayModule,
      imports: [PlatformModule.forService({ service: 'gateway', config, configClass: GatewayConfig, logger }), WebModule.register(config)],
      controllers: GATEWAY_CONTROLLERS,
      providers: [
        { provide: JwtVerifier, useValue: verifier },
        { provide: APP_GUARD, useClass: AuthGuard },
        // every error, ours or Nest's or unexpected: one body { code, message, details? }
        { provide: APP_FILTER, useClass: ErrorFilter },
        // request bodies and queries: typed, unknown fields refused
        { provide: APP_PIPE, useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }) },
        { provide: ExportJobRepository, inject: [DynamoDBClient, TABLES], useFactory: (c: DynamoDBClient, t: TableNames) => new ExportJobRepository(c, t.exportJobs) },
        { provide: ExportEstimator, inject: [DynamoDBClient, TABLES], useFactory: (c: DynamoDBClient, t: TableNames) => new ExportEstimator(c, t) },
        { provide: S3Presigner, inject: [S3Client], useFactory: (s3: S3Client) => new S3Presigner(s3) },
        { provide: DownloadUrlCache, inject: [S3Presigner, Clock], useFactory: (p: S3Presigner, clock: Clock) => new DownloadUrlCache(p, clock, config.DOWNLOAD_URL_TTL_S) },
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
