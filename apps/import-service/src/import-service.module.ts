import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamicModule, Module } from '@nestjs/common';
import { TableNames } from '@housef3/data-model';
import { ImportJobRepository } from '@housef3/jobs';
import { AppLogger, AuditLog, PingResponder, PlatformModule, TABLES } from '@housef3/platform';
import { ImportOutcomes } from './audit/import-outcomes';
import { ImportServiceConfig } from './config/import-service.config';
import { ChunkWriter } from './saga/chunk-writer';
import { ImportHandlers } from './saga/import.handlers';
import { ImportRunner } from './saga/import.runner';
import { ImportSweeper } from './saga/import.sweeper';
import { ImportRetentionSweeper } from './retention/import-retention.sweeper';
import { JournalStore } from './saga/journal.store';
import { CompensateStep } from './saga/steps/compensate.step';
import { FaultHook } from './saga/steps/fault-hook';
import { FilesStep } from './saga/steps/files.step';
import { RecordsStep } from './saga/steps/records.step';
import { ValidateStep } from './saga/steps/validate.step';
import { VerifyStep } from './saga/steps/verify.step';

@Module({})
export class ImportServiceModule {
  static register(config: ImportServiceConfig, logger: AppLogger): DynamicModule {
    return {
      module: ImportServiceModule,
      imports: [PlatformModule.forService({ service: 'import-service', config, configClass: ImportServiceConfig, logger })],
      controllers: [ImportHandlers],
      providers: [
        PingResponder,
        { provide: ImportJobRepository, inject: [DynamoDBClient, TABLES], useFactory: (c: DynamoDBClient, t: TableNames) => new ImportJobRepository(c, t.importJobs) },
        { provide: JournalStore, inject: [S3Client], useFactory: (s3: S3Client) => new JournalStore(s3, config.PACKAGES_BUCKET) },
        { provide: ChunkWriter, inject: [DynamoDBClient, TABLES, JournalStore], useFactory: (c: DynamoDBClient, t: TableNames, j: JournalStore) => new ChunkWriter(c, t, j) },
        FaultHook,
        ValidateStep,
        RecordsStep,
        FilesStep,
        VerifyStep,
        CompensateStep,
        ImportRunner,
        ImportSweeper,
        ImportRetentionSweeper,
        { provide: AuditLog, inject: [DynamoDBClient, TABLES], useFactory: (c: DynamoDBClient, t: TableNames) => new AuditLog(c, t.auditLog, config.AUDIT_RETENTION_DAYS) },
        ImportOutcomes,
      ],
    };
  }
}
