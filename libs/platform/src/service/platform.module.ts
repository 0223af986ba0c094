import { ConfigModule, ConfigService } from '@nestjs/config';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamicModule, Global, Inject, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ReadMode, ServiceName } from '@housef3/contracts';
import { tableNames, TableNames } from '@housef3/data-model';
import { checkBuckets, checkTables, createDynamoClient, createS3Client } from '../aws/aws-clients';
import { Clock, IdGenerator, SystemClock, UuidGenerator } from '../clock/clock';
import { ServiceConfig } from '../config/service.config';
import { HealthController } from '../health/health.controller';
import { HealthService } from '../health/health.service';
import { AppLogger } from '../logging/logger';
import { KafkaBus } from '../messaging/kafka-bus';
import { MessagePublisher } from '../messaging/message-publisher';
import { createMessagingMetrics } from '../messaging/messaging.metrics';
import { MetricsController } from '../metrics/metrics.controller';
import { MetricsService } from '../metrics/metrics.service';
import { createJobMetrics } from '../metrics/job.metrics';
import { createSecurityMetrics } from '../metrics/security.metrics';
import { kafkaSecurityOptions } from '../messaging/kafka-security';
import { JOB_METRICS, SECURITY_METRICS } from './tokens';
import { LOGGER, SERVICE_NAME, TABLES } from './tokens';

/** Starts the consumer once every module registered its handlers; stops it on shutdown. */
/** Connects the producer at start (the consumer starts with the transport, once every handler is known) and stops the bus at shutdown. */
class BusLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(KafkaBus) private readonly bus: KafkaBus) {}
  async onApplicationBootstrap() {
    await this.bus.connect();
  }
  async onApplicationShutdown() {
    await this.bus.stop();
  }
}

export interface PlatformOptions {
  service: ServiceName;
  config: ServiceConfig;
  /** the config class of the service, so services can inject their own typed config */
  configClass: new () => ServiceConfig;
  logger: AppLogger;
  /** how the service reads messages: `tolerant` for a consumer of public events only (default `strict`) */
  readMode?: ReadMode;
}

/**
 * Everything a service stands on: typed config, logger, metrics, AWS clients, the Kafka bus,
 * /health (Kafka, S3, DynamoDB) and /metrics.
 */
/** Where the validated config object sits in ConfigModule's store. */
const CONFIG_KEY = 'service';

@Global()
@Module({})
export class PlatformModule {
  static forService({ service, config, configClass, logger, readMode }: PlatformOptions): DynamicModule {
    const metrics = new MetricsService(service);
    const bus = new KafkaBus({
      brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID ?? service, groupId: config.KAFKA_GROUP_ID ?? service, logger, metrics: createMessagingMetrics(metrics),
      sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS, readMode, security: kafkaSecurityOptions(config),
    });
    const s3 = createS3Client(config);
    const dynamo = createDynamoClient(config);
    const tables = tableNames(config.TABLE_PREFIX);
    const health = new HealthService(service);
    health.register('kafka', () => bus.check());
    health.register('s3', () => checkBuckets(s3, [config.FILE_STORAGE_BUCKET, config.PACKAGES_BUCKET]));
    health.register('dynamodb', () => checkTables(dynamo, [tables.exportJobs, tables.importJobs]));
    const clock = new SystemClock();
    const ids = new UuidGenerator();

    const providers = [
      { provide: SERVICE_NAME, useValue: service },
      // the typed config, validated once at boot (bootService), is what ConfigModule serves too
      { provide: ServiceConfig, inject: [ConfigService], useFactory: (c: ConfigService) => c.get<ServiceConfig>(CONFIG_KEY) },
      { provide: configClass, inject: [ConfigService], useFactory: (c: ConfigService) => c.get<ServiceConfig>(CONFIG_KEY) },
      { provide: LOGGER, useValue: logger },
      { provide: TABLES, useValue: tables as TableNames },
      { provide: MetricsService, useValue: metrics },
      { provide: JOB_METRICS, useValue: createJobMetrics(metrics) },
      { provide: SECURITY_METRICS, useValue: createSecurityMetrics(metrics) },
      { provide: HealthService, useValue: health },
      { provide: KafkaBus, useValue: bus },
      { provide: MessagePublisher, useValue: new MessagePublisher(bus, clock, ids) },
      { provide: S3Client, useValue: s3 },
      { provide: DynamoDBClient, useValue: dynamo },
      { provide: Clock, useValue: clock },
      { provide: IdGenerator, useValue: ids },
      BusLifecycle,
    ];
    return {
      module: PlatformModule,
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, ignoreEnvVars: true, load: [() => ({ [CONFIG_KEY]: config })] })],
      controllers: [HealthController, MetricsController],
      providers,
      exports: providers.filter((p) => p !== BusLifecycle),
    };
  }
}
