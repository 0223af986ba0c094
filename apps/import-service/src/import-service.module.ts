import { DynamicModule, Module } from '@nestjs/common';
import { AppLogger, PingResponder, PlatformModule } from '@housef3/platform';
import { ImportServiceConfig } from './config/import-service.config';

@Module({})
export class ImportServiceModule {
  static register(config: ImportServiceConfig, logger: AppLogger): DynamicModule {
    return {
      module: ImportServiceModule,
      imports: [PlatformModule.forService({ service: 'import-service', config, configClass: ImportServiceConfig, logger })],
      providers: [PingResponder],
    };
  }
}
