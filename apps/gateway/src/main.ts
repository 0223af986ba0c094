import { bootService } from '@housef3/platform';
import { GatewayConfig } from './config/gateway.config';
import { GatewayModule } from './gateway.module';
import { configureHttp } from './http/http-setup';

void bootService({ service: 'gateway', configClass: GatewayConfig, module: (config, logger) => GatewayModule.register(config, logger), configure: configureHttp });
