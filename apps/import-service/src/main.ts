import { bootService } from '@housef3/platform';
import { ImportServiceConfig } from './config/import-service.config';
import { ImportServiceModule } from './import-service.module';

void bootService({ service: 'import-service', configClass: ImportServiceConfig, module: (config, logger) => ImportServiceModule.register(config, logger) });
