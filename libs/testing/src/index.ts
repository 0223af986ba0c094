export * from './stack-env';
export * from './local-auth';
export * from './service-process';
export * from './kafka-observer';
export * from './gateway-client';
export * from './user-records';
export * from './housef3-analytics-status';
