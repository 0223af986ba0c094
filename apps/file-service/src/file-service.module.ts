import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamicModule, Module } from '@nestjs/common';
import { TableNames } from '@housef3/data-model';
import { ExportJobRepository, ImportJobRepository } from '@housef3/jobs';
import { AppLogger, PingResponder, PlatformModule, TABLES } from '@housef3/platform';
import { FileServiceConfig } from './config/file-service.config';
import { FileStorage } from './package/file-storage';
import { PackageAssembler } from './package/package.assembler';
import { PackageHandlers } from './package/package.handlers';
import { PackageSweeper } from './package/package.sweeper';
import { FileJournalStore } from './restore/file-journal.store';
import { FileRestoreCompensator } from './restore/file-restore.compensator';
import { FileRestorer } from './restore/file-restorer';
import { RestoreHandlers } from './restore/restore.handlers';
import { RestoreStorage } from './restore/restore-storage';

@Module({})
export class FileServiceModule {
  static register(config: FileServiceConfig, logger: AppLogger): DynamicModule {
    return {
      module: FileServiceModule,
      imports: [PlatformModule.forService({ service: 'file-service', config, configClass: FileServiceConfig, logger })],
      providers: [
        PingResponder,
        { provide: ExportJobRepository, inject: [DynamoDBClient, TABLES], useFactory: (c: DynamoDBClient, t: TableNames) => new ExportJobRepository(c, t.exportJobs) },
        { provide: ImportJobRepository, inject: [DynamoDBClient, TABLES], useFactory: (c: DynamoDBClient, t: TableNames) => new ImportJobRepository(c, t.importJobs) },
        { provide: FileStorage, inject: [S3Client], useFactory: (s3: S3Client) => new FileStorage(s3) },
        PackageAssembler,
        PackageHandlers,
        PackageSweeper,
        { provide: RestoreStorage, inject: [S3Client], useFactory: (s3: S3Client) => new RestoreStorage(s3) },
        { provide: FileJournalStore, inject: [RestoreStorage], useFactory: (storage: RestoreStorage) => new FileJournalStore(storage) },
        FileRestorer,
        FileRestoreCompensator,
        RestoreHandlers,
      ],
    };
  }
}
