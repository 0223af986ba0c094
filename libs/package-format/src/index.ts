export * from './json/json-number';
