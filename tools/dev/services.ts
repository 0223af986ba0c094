import { join } from 'node:path';
import { SERVICE_ENTRYPOINTS, ServiceKey } from '@housef3/testing';
import { ManagedProcess } from '../lib/processes';
import { StackConfig } from '../stack/stack-config';

export const SERVICES = Object.keys(SERVICE_ENTRYPOINTS) as ServiceKey[];

const PORT_VARS: Record<ServiceKey, [string, number]> = {
  gateway: ['GATEWAY_PORT', 3000],
  'export-service': ['EXPORT_SERVICE_PORT', 3001],
  'import-service': ['IMPORT_SERVICE_PORT', 3002],
  'file-service': ['FILE_SERVICE_PORT', 3003],
  'analytics-trigger': ['ANALYTICS_TRIGGER_PORT', 3004],
};

export function servicePort(name: ServiceKey): number {
  const [variable, fallback] = PORT_VARS[name];
  return Number(process.env[variable] ?? fallback);
}

export function serviceProcess(cfg: StackConfig, name: ServiceKey): ManagedProcess {
  return { name, pidFile: join(cfg.runDir, 'services', `${name}.pid`), logFile: join(cfg.logDir, `${name}.log`), marker: SERVICE_ENTRYPOINTS[name] };
}
