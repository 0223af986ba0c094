export * from './decimal-parts';
export * from './decimal-string';
