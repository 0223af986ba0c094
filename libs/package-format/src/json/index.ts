export * from './json-number';
export * from './json-value';
export * from './canonical-json';
export { readJsonValue } from './read-json-value';
export { readEntityRecords } from './entity-records';
