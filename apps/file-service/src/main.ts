import { bootService } from '@housef3/platform';
import { FileServiceConfig } from './config/file-service.config';
import { FileServiceModule } from './file-service.module';

void bootService({ service: 'file-service', configClass: FileServiceConfig, module: (config, logger) => FileServiceModule.register(config, logger) });
