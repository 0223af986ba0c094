import 'reflect-metadata';
import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ServiceName } from '@housef3/contracts';
import { ConfigError, loadConfig } from '../config/env-config';
import { ServiceConfig } from '../config/service.config';
import { AppLogger, createLogger, NestPinoLogger } from '../logging/logger';
import { KafkaBus } from '../messaging/kafka-bus';
import { KafkaBusTransport } from '../messaging/kafka-bus.transport';

/** EX_CONFIG from sysexits.h: the process refuses to start on a bad environment. */
export const EXIT_BAD_CONFIG = 78;

export interface BootOptions<C extends ServiceConfig> {
  service: ServiceName;
  configClass: new () => C;
  module: (config: C, logger: AppLogger) => DynamicModule;
  /** HTTP set-up that needs the app (middleware, CORS, documentation routes), before it listens */
  configure?: (app: INestApplication, config: C, logger: AppLogger) => void | Promise<void>;
  env?: NodeJS.ProcessEnv;
}

/** The one main() of every service: validate config, build the Nest app, listen, shut down cleanly. */
export async function bootService<C extends ServiceConfig>({ service, configClass, module, configure, env = process.env }: BootOptions<C>): Promise<void> {
  let config: C;
  try {
    config = loadConfig(configClass, env, service);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(EXIT_BAD_CONFIG);
    }
    throw e;
  }
  const logger = createLogger(service, config.LOG_LEVEL);
  try {
    const app = await NestFactory.create(module(config, logger), { logger: new NestPinoLogger(logger), bufferLogs: false });
    app.enableShutdownHooks();
    await configure?.(app, config, logger);
    // message handlers (@EventPattern) run on our Kafka adapter as a custom transport strategy
    // (each handler controller is a @MessageController, which keeps the handlers' own errors)
    app.connectMicroservice({ strategy: new KafkaBusTransport(app.get(KafkaBus)) });
    // modules first (their onModuleInit hooks may register handlers with the bus), then the consumer
    await app.init();
    await app.startAllMicroservices();
    await app.listen(config.HTTP_PORT, config.HTTP_HOST);
    logger.info({ port: config.HTTP_PORT, host: config.HTTP_HOST }, `${service} listening`);
  } catch (e) {
    logger.fatal({ err: e }, `${service} failed to start`);
    process.exit(1);
  }
}
