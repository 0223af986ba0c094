import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamicModule, Module } from '@nestjs/common';
import { TableNames } from '@housef3/data-model';
import { AppLogger, PingResponder, PlatformModule, TABLES } from '@housef3/platform';
import { AnalyticsStatusStore } from './analytics/analytics-status.store';
import { AnalyticsTriggerService } from './analytics/analytics-trigger.service';
import { ImportCompletedHandler } from './analytics/import-completed.handler';
import { UserAccountsReader } from './analytics/user-accounts.reader';
import { AnalyticsTriggerConfig } from './config/analytics-trigger.config';

/** Consumes the public import.completed event with the tolerant reader: unknown fields are ignored. */
@Module({})
export class AnalyticsTriggerModule {
  static register(config: AnalyticsTriggerConfig, logger: AppLogger): DynamicModule {
    return {
      module: AnalyticsTriggerModule,
      imports: [PlatformModule.forService({ service: 'analytics-trigger', config, configClass: AnalyticsTriggerConfig, logger, readMode: 'tolerant' })],
      providers: [
        PingResponder,
        { provide: AnalyticsStatusStore, inject: [DynamoDBClient, TABLES], useFactory: (c: DynamoDBClient, t: TableNames) => new AnalyticsStatusStore(c, t.analyticsStatus) },
        { provide: UserAccountsReader, inject: [DynamoDBClient, TABLES], useFactory: (c: DynamoDBClient, t: TableNames) => new UserAccountsReader(c, t.accounts) },
        AnalyticsTriggerService,
        ImportCompletedHandler,
      ],
    };
  }
}
