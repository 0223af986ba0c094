import { DynamicModule, Module } from '@nestjs/common';
import { AppLogger, PingResponder, PlatformModule } from '@housef3/platform';
import { ExportServiceConfig } from './config/export-service.config';

@Module({})
export class ExportServiceModule {
  static register(config: ExportServiceConfig, logger: AppLogger): DynamicModule {
    return {
      module: ExportServiceModule,
      imports: [PlatformModule.forService({ service: 'export-service', config, configClass: ExportServiceConfig, logger })],
      providers: [PingResponder],
    };
  }
}
