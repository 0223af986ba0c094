/** Nest injection tokens of the platform's providers that are not classes. */
export const SERVICE_NAME = Symbol('SERVICE_NAME');
export const LOGGER = Symbol('LOGGER');
export const TABLES = Symbol('TABLES');
export const JOB_METRICS = Symbol('JOB_METRICS');
export const SECURITY_METRICS = Symbol('SECURITY_METRICS');
