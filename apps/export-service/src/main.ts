import { bootService } from '@housef3/platform';
import { ExportServiceConfig } from './config/export-service.config';
import { ExportServiceModule } from './export-service.module';

void bootService({ service: 'export-service', configClass: ExportServiceConfig, module: (config, logger) => ExportServiceModule.register(config, logger) });
