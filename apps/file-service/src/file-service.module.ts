import { DynamicModule, Module } from '@nestjs/common';
import { AppLogger, PingResponder, PlatformModule } from '@housef3/platform';
import { FileServiceConfig } from './config/file-service.config';

@Module({})
export class FileServiceModule {
  static register(config: FileServiceConfig, logger: AppLogger): DynamicModule {
    return {
      module: FileServiceModule,
      imports: [PlatformModule.forService({ service: 'file-service', config, configClass: FileServiceConfig, logger })],
      providers: [PingResponder],
    };
  }
}
