export * from './export-job';
export * from './export-job.repository';
export * from './cursor';
export * from './export-plan';
export * from './import-job';
export * from './import-job.repository';
export * from './export-selection';
export * from './export-estimate';
