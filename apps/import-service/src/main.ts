import { sweepOrphanSpillAreas } from '@housef3/import-domain';
import { bootService } from '@housef3/platform';
import { ImportServiceConfig } from './config/import-service.config';
import { ImportServiceModule } from './import-service.module';

void bootService({
  service: 'import-service', configClass: ImportServiceConfig,
  module: (config, logger) => {
    // before this process validates anything: the spill folders of killed processes (docs/import-validation.md)
    const removed = sweepOrphanSpillAreas();
    if (removed.length) logger.info({ folders: removed }, 'removed the validation spill folders of processes that are gone');
    return ImportServiceModule.register(config, logger);
  },
});
