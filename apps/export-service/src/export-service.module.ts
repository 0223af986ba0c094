import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamicModule, Module } from '@nestjs/common';
import { TableNames } from '@housef3/data-model';
import { ExportJobRepository } from '@housef3/jobs';
import { AppLogger, MetricsService, PingResponder, PlatformModule, TABLES } from '@housef3/platform';
import { ExportServiceConfig } from './config/export-service.config';
import { exposeEncoderHeap, PageEncoder } from './export/encoding/page-encoder';
import { ExportCollector } from './export/export.collector';
import { ExportHandlers } from './export/export.handlers';
import { ExportRunner } from './export/export.runner';
import { ExportSweeper } from './export/export.sweeper';
import { StagingStore } from './export/staging.store';
import { UserDataReader } from './export/user-data.reader';

@Module({})
export class ExportServiceModule {
  static register(config: ExportServiceConfig, logger: AppLogger): DynamicModule {
    return {
      module: ExportServiceModule,
      imports: [PlatformModule.forService({ service: 'export-service', config, configClass: ExportServiceConfig, logger })],
      controllers: [ExportHandlers],
      providers: [
        PingResponder,
        { provide: ExportJobRepository, inject: [DynamoDBClient, TABLES], useFactory: (c: DynamoDBClient, t: TableNames) => new ExportJobRepository(c, t.exportJobs) },
        { provide: UserDataReader, inject: [DynamoDBClient, TABLES], useFactory: (c: DynamoDBClient, t: TableNames) => new UserDataReader(c, t, { segments: config.EXPORT_READ_SEGMENTS, pagesAhead: config.EXPORT_READ_PAGES_AHEAD, pageItems: config.EXPORT_READ_PAGE_ITEMS, maxRanges: config.EXPORT_READ_MAX_RANGES }) },
        { provide: StagingStore, inject: [S3Client], useFactory: (s3: S3Client) => new StagingStore(s3, config.PACKAGES_BUCKET) },
        {
          provide: PageEncoder,
          inject: [MetricsService],
          useFactory: (metrics: MetricsService) => {
            const encoder = new PageEncoder({ inWorker: config.EXPORT_ENCODE_IN_WORKER, heapMb: config.EXPORT_ENCODE_HEAP_MB, youngMb: 16 });
            exposeEncoderHeap(metrics, encoder);
            return encoder;
          },
        },
        ExportCollector,
        ExportRunner,
        ExportSweeper,
      ],
    };
  }
}
