import { bootService } from '@housef3/platform';
import { AnalyticsTriggerConfig } from './config/analytics-trigger.config';
import { AnalyticsTriggerModule } from './analytics-trigger.module';

void bootService({ service: 'analytics-trigger', configClass: AnalyticsTriggerConfig, module: (config, logger) => AnalyticsTriggerModule.register(config, logger) });
