export * from './format-version';
export * from './migrate-1.0-to-1.1';
export * from './migrations';
